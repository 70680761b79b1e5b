package io.ticketing.command.booking;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which endings read back from the event store evict this instance's cached aggregates. */
class RemoteEndingsTest {
    private static final ScheduleId SCHEDULE = new ScheduleId("schedule-1");
    private static final UserId USER = new UserId("fan-1");
    private static final ReservationId RESERVATION = new ReservationId("reservation-1");
    private static final SeatId SEAT = new SeatId(SCHEDULE, SeatPosition.parse("A-1-1"));
    private static final String QUOTA = new HoldQuotaId(SCHEDULE, USER).toString();

    // held strongly here, so the weak cache keeps them while the test runs
    private final Object seatState = new Object();
    private final Object quotaState = new Object();
    private final Object reservationState = new Object();
    private final Cache seats = new WeakReferenceCache();
    private final Cache quotas = new WeakReferenceCache();
    private final Cache reservations = new WeakReferenceCache();
    private RemoteEndings endings;

    @BeforeEach
    void aCachedHold() {
        BookingRoutes routes = new BookingRoutes(100);
        routes.remember(RESERVATION, SCHEDULE, List.of(SEAT.position()));
        endings = new RemoteEndings(routes, seats, quotas, reservations);
        seats.put(SEAT.toString(), seatState);
        quotas.put(QUOTA, quotaState);
        reservations.put(RESERVATION.value(), reservationState);
    }

    @Test
    void anEndingDecidedHereKeepsTheCachesEvenWhenTheTrackerReadsItBeforeTheCommitCallbacksRun() {
        endings.endedHere(RESERVATION); // told while deciding, before the commit
        endings.ended(RESERVATION, SCHEDULE, USER);

        assertThat(seats.containsKey(SEAT.toString())).isTrue();
        assertThat(quotas.containsKey(QUOTA)).isTrue();
        assertThat(reservations.containsKey(RESERVATION.value())).isTrue();
    }

    @Test
    void anEndingOfAnotherInstanceEvictsTheReservationItsQuotaAndItsSeats() {
        endings.ended(RESERVATION, SCHEDULE, USER);

        assertThat(seats.containsKey(SEAT.toString())).isFalse();
        assertThat(quotas.containsKey(QUOTA)).isFalse();
        assertThat(reservations.containsKey(RESERVATION.value())).isFalse();
    }

    @Test
    void anEndingDecidedHereButRolledBackIsAnotherInstancesWhenItIsRead() {
        endings.endedHere(RESERVATION);
        endings.endingRolledBack(RESERVATION);
        endings.ended(RESERVATION, SCHEDULE, USER);

        assertThat(seats.containsKey(SEAT.toString())).isFalse();
        assertThat(reservations.containsKey(RESERVATION.value())).isFalse();
    }
}
