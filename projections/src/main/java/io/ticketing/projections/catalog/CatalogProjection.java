package io.ticketing.projections.catalog;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.projections.readmodel.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Concerts and their schedules, for browsing. Written with plain statements that fail inside the handler
 * (not later, at a JPA flush) so that an event that cannot be applied is parked in the dead-letter queue;
 * a redelivered event finds its rows there and changes nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.CATALOG)
@ReadModelTables({"concert_view", "schedule_view"})
public class CatalogProjection {
    private final JdbcTemplate jdbc;

    public CatalogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConcertCreated event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at) {
        String concertId = event.concertId().value();
        jdbc.update("""
                INSERT INTO concert_view (concert_id, title, venue, created_at, last_sequence) VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE concert_id = concert_id""",
                concertId, event.title(), event.venue(), utc(at), sequence);
        for (ScheduleDetails schedule : event.schedules()) {
            jdbc.update("""
                    INSERT INTO schedule_view (schedule_id, concert_id, starts_at, sales_open_at) VALUES (?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE schedule_id = schedule_id""",
                    schedule.scheduleId().value(), concertId, utc(schedule.startsAt()),
                    utc(schedule.salesOpenAt()));
        }
    }

    /** DATETIME columns hold UTC wall-clock time, as the JPA side (hibernate.jdbc.time_zone=UTC) reads them. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
