package io.ticketing.command.admission.application;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.ScheduleDetails;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Fills the schedule directory as concerts are created (a subscribing processor: same transaction as the concert). */
@Component
@ProcessingGroup(ScheduleDirectoryUpdater.PROCESSING_GROUP)
public class ScheduleDirectoryUpdater {
    public static final String PROCESSING_GROUP = "schedule-directory";

    private final ScheduleDirectory directory;

    public ScheduleDirectoryUpdater(ScheduleDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(ConcertCreated event) {
        for (ScheduleDetails schedule : event.schedules()) {
            directory.record(schedule.scheduleId().value(), event.concertId().value(), schedule.salesOpenAt(),
                    schedule.startsAt());
        }
    }
}
