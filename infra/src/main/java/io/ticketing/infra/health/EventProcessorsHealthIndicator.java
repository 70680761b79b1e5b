package io.ticketing.infra.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * DOWN when any streaming processor of the app has stopped or is in error (retrying a failed batch, or
 * paused by an uncaught error such as an OutOfMemoryError in its thread). Without it an app whose publisher
 * or projection had died kept answering UP, and nothing restarted it (issue 20). Subscribing processors run
 * in the publishing thread and fail the command itself, so they are not watched here.
 */
public class EventProcessorsHealthIndicator implements HealthIndicator {
    private final EventProcessingConfiguration processing;
    private final DeliberatePauses pauses;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, DeliberatePauses pauses) {
        this.processing = processing;
        this.pauses = pauses;
    }

    @Override
    public Health health() {
        boolean healthy = true;
        Map<String, Object> details = new TreeMap<>();
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            ProcessorState state = ProcessorState.of(processor, pauses);
            healthy &= state.healthy();
            details.put(entry.getKey(), describe(processor, state));
        }
        return (healthy ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static Map<String, Object> describe(StreamingEventProcessor processor, ProcessorState state) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state.name());
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            status.getCurrentPosition().ifPresent(position ->
                    detail.put("segment" + status.getSegment().getSegmentId() + "Position", position));
            if (status.isErrorState() && status.getError() != null) {
                detail.put("segment" + status.getSegment().getSegmentId() + "Error", status.getError().toString());
            }
        }
        return detail;
    }
}
