package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.command.reservation.domain.BookingFixture;
import io.ticketing.command.reservation.domain.SeatsUnavailable;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;

import static io.ticketing.command.reservation.domain.BookingFixture.HOLD_TTL;
import static io.ticketing.command.reservation.domain.BookingFixture.aScheduleOnSale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * The early refusal on the command bus: a hold of a seat this instance committed as held for another reservation
 * is refused before it is sent on (naming only the taken seats); anything else passes unchanged, and a hint ends
 * with the hold it saw.
 */
class EarlyHoldRefusalTest {
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");

    private final BookingFixture sale = aScheduleOnSale("A-1-1", "A-1-2");
    private final EarlyHoldRefusal refusal = new EarlyHoldRefusal(sale.hints());

    @Test
    void aHoldOfASeatHeldForAnotherReservationIsRefusedBeforeItIsSent() {
        sale.holds(ALICE, "A-1-1");

        SeatsUnavailable refused = catchThrowableOfType(
                () -> refusal.handle(asCommandMessage(sale.holdOf(BOB, "A-1-2", "A-1-1"))), SeatsUnavailable.class);
        assertThat(refused.seats()).containsExactly(SeatPosition.parse("A-1-1"));

        CommandMessage<?> free = asCommandMessage(sale.holdOf(BOB, "A-1-2"));
        assertThat(refusal.handle(free)).isSameAs(free);
        CommandMessage<?> other = asCommandMessage(new CancelReservation(new ReservationId("r-1"), ALICE));
        assertThat(refusal.handle(other)).isSameAs(other);
    }

    @Test
    void aHintRefusesOnlyUntilItsHoldRunsOut() {
        sale.holds(ALICE, "A-1-1");
        sale.timePasses(HOLD_TTL);

        CommandMessage<?> later = asCommandMessage(sale.holdOf(BOB, "A-1-1"));
        assertThat(refusal.handle(later)).isSameAs(later);
    }
}
