package io.ticketing.command.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rebuild at start-up reads only the events after the low-water mark: once every hold has ended, the mark
 * moves past them (and past the whole concert's creation), and a restart never looks at those events again.
 */
class HoldExpiryMarkTest {

    @Test
    void aRestartReadsOnlyTheEventsAfterTheLowWaterMark() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("expiry-mark", Map.of(
                "ticketing.booking.hold-ttl", "2s", "ticketing.booking.expiry.mark-interval", "200ms",
                // gaps in the global index (rolled-back appends) are given up on after 1 s here, not the event store's minutes
                "ticketing.booking.expiry.gap-timeout", "1s"))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, 4, 10_000);
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            EventStore eventStore = app.bean(EventStore.class);

            String released = client.hold("user-1", schedule, List.of("A-1-1")).string("reservationId");
            assertThat(client.cancel("user-1", released).status()).isEqualTo(202);
            ReservationId expiring = new ReservationId(client.hold("user-2", schedule, List.of("A-1-2")).string("reservationId"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(EventHistory.of(eventStore, ReservationExpired.class)).extracting(ReservationExpired::reservationId)
                            .contains(expiring));
            long lastReservationEvent = jdbc.queryForObject(
                    "select max(global_index) from domain_event_entry where type = 'Reservation'", Long.class);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(jdbc.queryForObject("select position from hold_expiry_mark", Long.class))
                            .as("every hold has ended: the mark is past all of them").isGreaterThan(lastReservationEvent));

            // Erase the released hold's end from the store: read again, it would look like a hold still running,
            // long past its time, and be expired. Behind the mark, it is never read again.
            assertThat(jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and payload_type like '%ReservationCancelled'",
                    released)).isOne();
            app.restart();

            ReservationId later = new ReservationId(app.client().hold("user-3", schedule, List.of("A-1-3")).string("reservationId"));
            EventStore restarted = app.bean(EventStore.class);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(EventHistory.of(restarted, ReservationExpired.class)).extracting(ReservationExpired::reservationId)
                            .contains(later));
            assertThat(EventHistory.of(restarted, ReservationExpired.class)).extracting(ReservationExpired::reservationId)
                    .doesNotContain(new ReservationId(released));
        }
    }
}
