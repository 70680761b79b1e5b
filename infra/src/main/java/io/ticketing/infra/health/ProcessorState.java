package io.ticketing.infra.health;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** What one streaming (tracking or pooled) processor is doing, as health and metrics report it. */
public enum ProcessorState {
    RUNNING, PAUSED_ON_PURPOSE, STOPPED, ERROR;

    static ProcessorState of(StreamingEventProcessor processor, DeliberatePauses pauses) {
        // A processor retrying a failed batch (isError) is still "running": it must not count as healthy.
        boolean segmentInError = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        if (processor.isError() || segmentInError) {
            return ERROR;
        }
        if (processor.isRunning()) {
            return RUNNING;
        }
        return pauses.pausedOnPurpose(processor.getName()) ? PAUSED_ON_PURPOSE : STOPPED;
    }

    boolean healthy() {
        return this == RUNNING || this == PAUSED_ON_PURPOSE;
    }
}
