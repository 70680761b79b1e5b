package io.ticketing.projections.catalog;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.projections.ProjectionNames;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Concerts and their schedules, for browsing. */
@Component
@ProcessingGroup(ProjectionNames.CATALOG)
public class CatalogProjection {
    private final ConcertViewRepository concerts;
    private final ScheduleViewRepository schedules;

    public CatalogProjection(ConcertViewRepository concerts, ScheduleViewRepository schedules) {
        this.concerts = concerts;
        this.schedules = schedules;
    }

    @EventHandler
    void on(ConcertCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String concertId = event.concertId().value();
        if (concerts.existsById(concertId)) {
            return; // redelivered
        }
        concerts.save(new ConcertView(concertId, event.title(), event.venue(), at, sequence));
        for (ScheduleDetails schedule : event.schedules()) {
            schedules.save(new ScheduleView(schedule.scheduleId().value(), concertId, schedule.startsAt(),
                    schedule.salesOpenAt()));
        }
    }

    @ResetHandler
    void reset() {
        schedules.deleteAllInBatch();
        concerts.deleteAllInBatch();
    }
}
