package io.ticketing.projections.catalog;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.projections.support.ProjectionDriver;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import static io.ticketing.projections.support.ProjectionDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/** A concert is listed with its schedules once, however often its creation is delivered. */
class CatalogProjectionTest {
    private static final ConcertId CONCERT = new ConcertId("c-1");
    private static final Instant CREATED_AT = Instant.parse("2026-11-01T09:30:00Z");

    private final ProjectionDriver catalog = ProjectionDriver.of(w -> new CatalogProjection(w.jdbc()));

    @Test
    void aConcertIsListedWithItsSchedulesInUtc() {
        catalog.deliver(created("Winter Gala"));

        assertThat(catalog.jdbc().queryForMap("SELECT title, venue, created_at, last_sequence FROM concert_view WHERE concert_id = ?",
                CONCERT.value()))
                .containsEntry("title", "Winter Gala").containsEntry("venue", "Hall")
                .containsEntry("created_at", Timestamp.valueOf(LocalDateTime.parse("2026-11-01T09:30:00"))).containsEntry("last_sequence", 0L);
        assertThat(catalog.jdbc().queryForList(
                "SELECT schedule_id, concert_id, starts_at, sales_open_at FROM schedule_view ORDER BY starts_at"))
                .containsExactly(
                        java.util.Map.of("schedule_id", "s-1", "concert_id", "c-1",
                                "starts_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-24T19:00:00")),
                                "sales_open_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-01T10:00:00"))),
                        java.util.Map.of("schedule_id", "s-2", "concert_id", "c-1",
                                "starts_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-25T19:00:00")),
                                "sales_open_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-01T10:00:00"))));
    }

    @Test
    void aRedeliveredCreationChangesNothing() {
        catalog.deliver(created("Winter Gala"));
        catalog.deliver(created("Winter Gala (again)"));
        catalog.batch(created("Winter Gala (in a batch)"), created("Winter Gala (twice)"));

        assertThat(catalog.jdbc().queryForObject("SELECT title FROM concert_view", String.class)).isEqualTo("Winter Gala");
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM concert_view", Long.class)).isEqualTo(1);
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM schedule_view", Long.class)).isEqualTo(2);
    }

    private static EventMessage<?> created(String title) {
        return event(CONCERT.value(), 0, new ConcertCreated(CONCERT, title, "Hall",
                List.of(new ScheduleDetails(new ScheduleId("s-1"), Instant.parse("2026-12-24T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")),
                        new ScheduleDetails(new ScheduleId("s-2"), Instant.parse("2026-12-25T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"))),
                List.of(new SectionDetails("A", "R", new Money(50_000, "KRW"), 1, 2))), CREATED_AT);
    }
}
