package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.common.PaymentOrderId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of a reservation's hold expiry: a new hold schedules its deadline at {@code expiresAt}; when it
 * fires on a HELD reservation the reservation EXPIRES and its hold ends (seats released, quota freed); a
 * reservation that is no longer HELD ignores it. (The rules that span seats and payments: {@link BookingTest}.)
 */
class ReservationTest {
    private static final ReservationId RESERVATION = new ReservationId("r-1");
    private static final ScheduleId SCHEDULE = new ScheduleId("evening");
    private static final UserId ALICE = new UserId("alice");

    private AggregateTestFixture<Reservation> fixture;
    private final List<SeatReleaseReason> endings = new ArrayList<>();

    /** Opens a reservation as the booking's unit of work does (a command just for this specification). */
    record OpenReservation(ReservationHeld held) {
    }

    static class Opener {
        private final Repository<Reservation> repository;

        Opener(Repository<Reservation> repository) {
            this.repository = repository;
        }

        @CommandHandler
        public void handle(OpenReservation command, DeadlineManager deadlines) throws Exception {
            repository.newInstance(() -> new Reservation(command.held(), deadlines));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Reservation.class);
        fixture.registerInjectableResource((HoldEndings) (reservation, reason) -> endings.add(reason));
        fixture.registerAnnotatedCommandHandler(new Opener(fixture.getRepository()));
    }

    private ReservationHeld held(Instant expiresAt) {
        return new ReservationHeld(RESERVATION, SCHEDULE, ALICE, List.of(SeatPosition.parse("A-1-1")), new Money(1000, "KRW"), expiresAt);
    }

    @Test
    void aNewHoldSchedulesItsExpiry() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenNoPriorActivity().when(new OpenReservation(held(expiresAt)))
                .expectEvents(held(expiresAt))
                .expectScheduledDeadlineWithName(expiresAt, Reservation.HOLD_EXPIRY);
    }

    @Test
    void anUnpaidHoldExpiresAndEndsWhenItsDeadlineFires() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Reservation.HOLD_EXPIRY)
                .expectEvents(new ReservationExpired(RESERVATION, SCHEDULE, ALICE));
        assertThat(endings).containsExactly(SeatReleaseReason.HOLD_EXPIRED);
    }

    @Test
    void aHoldDoesNotExpireBeforeItsTime() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .whenTimeElapses(Duration.ofMinutes(4))
                .expectNoEvents();
        assertThat(endings).isEmpty();
    }

    @Test
    void aConfirmedReservationIgnoresItsExpiry() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .andGiven(new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, new PaymentOrderId("p-1")))
                .whenTimeElapses(Duration.ofMinutes(6))
                .expectNoEvents();
        assertThat(endings).isEmpty();
    }
}
