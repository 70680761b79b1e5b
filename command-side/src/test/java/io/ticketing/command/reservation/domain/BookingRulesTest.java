package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.HoldQuotaUsed;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import org.junit.jupiter.api.Test;

import static io.ticketing.command.reservation.domain.BookingFixture.aScheduleOnSale;

/**
 * What one buyer's hold, purchase, release or expiry means for the next buyer of the same seats: rules that only
 * show across the seat, reservation and quota aggregates together. (The single-command rules are in BookingTest.)
 */
class BookingRulesTest {
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final UserId CAROL = new UserId("carol");

    private final BookingFixture sale = aScheduleOnSale("A-1-1", "A-1-2", "A-1-3");

    @Test
    void aSoldSeatIsNeverHeldAgain() {
        ReservationId alices = sale.holds(ALICE, "A-1-1");
        sale.buys(alices, ALICE);

        sale.whenHolding(BOB, "A-1-1").isRefusedWith(SeatsUnavailable.class);
    }

    @Test
    void anExpiredHoldsSeatsGoToTheNextBuyer() {
        ReservationId alices = sale.holds(ALICE, "A-1-1", "A-1-2");
        sale.expires(alices);

        sale.whenHolding(BOB, "A-1-2", "A-1-1")
                .appendsEventsOf(HoldQuotaUsed.class, SeatHeld.class, SeatHeld.class, ReservationHeld.class);
    }

    @Test
    void aRefundedPurchaseReturnsItsSeatsToSale() {
        ReservationId alices = sale.holds(ALICE, "A-1-3");
        sale.buys(alices, ALICE);
        sale.cancels(alices, ALICE);

        sale.whenHolding(BOB, "A-1-3")
                .appendsEventsOf(HoldQuotaUsed.class, SeatHeld.class, ReservationHeld.class);
    }

    @Test
    void anOrderRefusedForOneTakenSeatLeavesItsOtherSeatsFree() {
        sale.holds(BOB, "A-1-2");
        sale.whenHolding(ALICE, "A-1-1", "A-1-2").isRefusedWith(SeatsUnavailable.class);

        sale.whenHolding(CAROL, "A-1-1")
                .appendsEventsOf(HoldQuotaUsed.class, SeatHeld.class, ReservationHeld.class);
    }

    @Test
    void aRefusedOrderDoesNotCountAgainstTheBuyersHolds() {
        sale.holds(BOB, "A-1-2");
        sale.whenHolding(ALICE, "A-1-2").isRefusedWith(SeatsUnavailable.class);

        sale.whenHolding(ALICE, "A-1-1")
                .appendsEventsOf(HoldQuotaUsed.class, SeatHeld.class, ReservationHeld.class);
    }

    @Test
    void anExpiredHoldFreesItsBuyerToHoldAgain() {
        ReservationId alices = sale.holds(ALICE, "A-1-1");
        sale.whenHolding(ALICE, "A-1-2").isRefusedWith(HoldLimitReached.class);
        sale.expires(alices);

        sale.whenHolding(ALICE, "A-1-2")
                .appendsEventsOf(HoldQuotaUsed.class, SeatHeld.class, ReservationHeld.class);
    }
}
