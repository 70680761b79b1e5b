package io.ticketing.query.replay.application;

import io.ticketing.infra.web.ProblemException;
import io.ticketing.projections.ProjectionNames;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a read model from the start of the event topic (a complete copy of the event store):
 * the projection's reset handler clears its tables, then its processor reads every event again.
 */
@Service
public class ProjectionReplay {
    private final EventProcessingConfiguration processing;

    public ProjectionReplay(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public void replay(String projection) {
        TrackingEventProcessor processor = processor(projection);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    public boolean isReplaying(String projection) {
        return processor(projection).isReplaying();
    }

    private TrackingEventProcessor processor(String projection) {
        if (!ProjectionNames.ALL.contains(projection)) {
            throw ProblemException.notFound("Projection " + projection);
        }
        return processing.eventProcessor(projection, TrackingEventProcessor.class)
                .orElseThrow(() -> ProblemException.notFound("Projection " + projection));
    }
}
