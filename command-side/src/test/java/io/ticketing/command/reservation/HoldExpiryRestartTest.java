package io.ticketing.command.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hold expiry is rebuilt from the event store at start-up: holds taken by one run of the command side expire in
 * the next run, after a restart in between, and every seat is AVAILABLE again in the write model.
 */
class HoldExpiryRestartTest {

    @Test
    void holdsPendingAcrossARestartExpireAndFreeEverySeat() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("expiry", Map.of("ticketing.booking.hold-ttl", "4s"))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, 6, 10_000);
            Set<ReservationId> reservations = new HashSet<>();
            Instant latestExpiry = Instant.EPOCH;
            for (List<String> seats : List.of(List.of("A-1-1", "A-1-2"), List.of("A-1-3"), List.of("A-1-4", "A-1-5", "A-1-6"))) {
                Answer held = client.hold("user-" + seats.get(0), schedule, seats);
                assertThat(held.status()).isEqualTo(201);
                reservations.add(new ReservationId(held.string("reservationId")));
                Instant expiresAt = Instant.parse(held.string("expiresAt"));
                latestExpiry = expiresAt.isAfter(latestExpiry) ? expiresAt : latestExpiry;
            }
            assertThat(Instant.now()).as("the restart must begin while the holds are pending").isBefore(latestExpiry);
            // the pending expiries are in memory only: no row per hold
            long deadlineRows = app.bean(JdbcTemplate.class).queryForObject(
                    "select count(*) from scheduled_tasks where task_name <> 'idempotency-purge'", Long.class);
            assertThat(deadlineRows).isZero();

            app.restart();

            EventStore eventStore = app.bean(EventStore.class);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(EventHistory.of(eventStore, ReservationExpired.class)).extracting(ReservationExpired::reservationId)
                            .containsExactlyInAnyOrderElementsOf(reservations));
            List<Object> history = EventHistory.payloads(eventStore);
            Set<SeatId> heldSeats = history.stream().filter(SeatHeld.class::isInstance).map(e -> ((SeatHeld) e).seatId())
                    .collect(Collectors.toSet());
            assertThat(heldSeats).hasSize(6);
            assertThat(history).filteredOn(SeatReleased.class::isInstance).map(SeatReleased.class::cast)
                    .allSatisfy(e -> assertThat(e.reason()).isEqualTo(SeatReleaseReason.HOLD_EXPIRED))
                    .extracting(SeatReleased::seatId).containsExactlyInAnyOrderElementsOf(heldSeats);
            assertThat(history).filteredOn(ReservationHeld.class::isInstance).hasSize(3);
            // every seat is free again: the whole row can be held at once
            Answer again = app.client().hold("someone-else", schedule, List.of("A-1-1", "A-1-3", "A-1-5", "A-1-6"));
            assertThat(again.status()).isEqualTo(201);
        }
    }
}
