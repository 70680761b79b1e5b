package io.ticketing.command.seat.domain;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.HoldSeat;
import io.ticketing.api.seat.ReleaseSeat;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.api.seat.SellSeat;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** Specification of a seat: AVAILABLE → HELD → SOLD, released only by its own reservation, idempotent per reservation. */
class SeatTest {
    private static final SeatId SEAT = SeatId.of(new ScheduleId("evening"), "A-1-1");
    private static final ReservationId MINE = new ReservationId("mine");
    private static final ReservationId OTHER = new ReservationId("other");
    private static final Instant UNTIL = Instant.parse("2026-12-01T10:05:00Z");
    private static final SeatCreated CREATED = new SeatCreated(SEAT, new ConcertId("c"), "VIP", new Money(150_000, "KRW"));

    private AggregateTestFixture<Seat> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Seat.class);
    }

    @Test
    void anAvailableSeatIsHeld() {
        fixture.given(CREATED).when(new HoldSeat(SEAT, MINE, UNTIL)).expectEvents(new SeatHeld(SEAT, MINE, UNTIL));
    }

    @Test
    void holdingASeatAgainForTheSameReservationChangesNothing() {
        fixture.given(CREATED, new SeatHeld(SEAT, MINE, UNTIL)).when(new HoldSeat(SEAT, MINE, UNTIL)).expectNoEvents();
    }

    @Test
    void aSeatHeldForAnotherReservationIsRefused() {
        fixture.given(CREATED, new SeatHeld(SEAT, OTHER, UNTIL)).when(new HoldSeat(SEAT, MINE, UNTIL))
                .expectException(SeatNotAvailable.class).expectNoEvents();
    }

    @Test
    void aSoldSeatIsRefused() {
        fixture.given(CREATED, new SeatHeld(SEAT, OTHER, UNTIL), new SeatSold(SEAT, OTHER))
                .when(new HoldSeat(SEAT, MINE, UNTIL)).expectException(SeatNotAvailable.class);
    }

    @Test
    void aHeldSeatIsSoldToItsHolder() {
        fixture.given(CREATED, new SeatHeld(SEAT, MINE, UNTIL)).when(new SellSeat(SEAT, MINE)).expectEvents(new SeatSold(SEAT, MINE));
    }

    @Test
    void sellingAgainToTheBuyerChangesNothing() {
        fixture.given(CREATED, new SeatHeld(SEAT, MINE, UNTIL), new SeatSold(SEAT, MINE)).when(new SellSeat(SEAT, MINE)).expectNoEvents();
    }

    @Test
    void aSeatIsNeverSoldToAReservationThatDoesNotHoldIt() {
        fixture.given(CREATED, new SeatHeld(SEAT, OTHER, UNTIL)).when(new SellSeat(SEAT, MINE)).expectException(SeatNotAvailable.class);
        fixture.given(CREATED).when(new SellSeat(SEAT, MINE)).expectException(SeatNotAvailable.class);
    }

    @Test
    void theHolderReleasesAHold() {
        fixture.given(CREATED, new SeatHeld(SEAT, MINE, UNTIL)).when(new ReleaseSeat(SEAT, MINE, SeatReleaseReason.HOLD_EXPIRED))
                .expectEvents(new SeatReleased(SEAT, MINE, SeatReleaseReason.HOLD_EXPIRED));
    }

    @Test
    void aSoldSeatIsReleasedOnlyWhenItsSaleIsRefunded() {
        fixture.given(CREATED, new SeatHeld(SEAT, MINE, UNTIL), new SeatSold(SEAT, MINE))
                .when(new ReleaseSeat(SEAT, MINE, SeatReleaseReason.SALE_REFUNDED))
                .expectEvents(new SeatReleased(SEAT, MINE, SeatReleaseReason.SALE_REFUNDED));
    }

    @Test
    void anotherReservationsReleaseChangesNothing() {
        fixture.given(CREATED, new SeatHeld(SEAT, OTHER, UNTIL)).when(new ReleaseSeat(SEAT, MINE, SeatReleaseReason.HOLD_CANCELLED))
                .expectNoEvents();
        fixture.given(CREATED).when(new ReleaseSeat(SEAT, MINE, SeatReleaseReason.HOLD_CANCELLED)).expectNoEvents();
    }

    @Test
    void aReleasedSeatCanBeHeldAgain() {
        fixture.given(CREATED, new SeatHeld(SEAT, OTHER, UNTIL), new SeatReleased(SEAT, OTHER, SeatReleaseReason.HOLD_EXPIRED))
                .when(new HoldSeat(SEAT, MINE, UNTIL)).expectEvents(new SeatHeld(SEAT, MINE, UNTIL));
    }
}
