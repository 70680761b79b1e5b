package io.ticketing.command.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-side instances on one event store: every instance learns every hold from the store, so the holds of
 * an instance that stops before they are due still expire, on the other one, and free their seats; and nothing is
 * written per hold for its expiry.
 */
class HoldExpiryInstancesTest {
    private static final Map<String, Object> SHORT_HOLDS = Map.of("ticketing.booking.hold-ttl", "4s");

    @Test
    void holdsOfAnInstanceThatStoppedExpireOnTheOther() {
        try (IsolatedCommandSide survivor = IsolatedCommandSide.start("expiry-pair", SHORT_HOLDS);
             IsolatedCommandSide leaving = IsolatedCommandSide.alongside(survivor, SHORT_HOLDS)) {
            BookingClient client = leaving.client();
            String schedule = client.createSchedule(1, 4, 10_000);
            List<ReservationId> reservations = new ArrayList<>();
            Instant firstExpiry = Instant.MAX;
            for (List<String> seats : List.of(List.of("A-1-1", "A-1-2"), List.of("A-1-3"))) {
                Answer held = client.hold("user-" + seats.get(0), schedule, seats);
                assertThat(held.status()).isEqualTo(201);
                reservations.add(new ReservationId(held.string("reservationId")));
                Instant expiresAt = Instant.parse(held.string("expiresAt"));
                firstExpiry = expiresAt.isBefore(firstExpiry) ? expiresAt : firstExpiry;
            }
            assertThat(survivor.bean(JdbcTemplate.class).queryForObject(
                    "select count(*) from scheduled_tasks where task_name <> 'idempotency-purge'", Long.class))
                    .as("no row per hold").isZero();

            leaving.stop();
            assertThat(Instant.now()).as("the instance that took the holds left before any was due").isBefore(firstExpiry);

            EventStore eventStore = survivor.bean(EventStore.class);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(EventHistory.of(eventStore, ReservationExpired.class)).extracting(ReservationExpired::reservationId)
                            .containsExactlyInAnyOrderElementsOf(reservations));
            assertThat(EventHistory.of(eventStore, SeatReleased.class))
                    .allSatisfy(e -> assertThat(e.reason()).isEqualTo(SeatReleaseReason.HOLD_EXPIRED)).hasSize(3);
            assertThat(survivor.client().hold("someone-else", schedule, List.of("A-1-1", "A-1-2", "A-1-3")).status())
                    .isEqualTo(201);
        }
    }
}
