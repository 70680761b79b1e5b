package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.common.PaymentOrderId;
import org.axonframework.commandhandling.CommandHandler;
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
 * Specification of a reservation's hold expiry: a new hold records its {@code expiresAt} and schedules nothing;
 * asked to expire once that time has passed, a HELD reservation EXPIRES and its hold ends (seats released, quota
 * freed); asked early it waits, and a reservation that is no longer HELD ignores the request, however often it
 * comes. (The rules that span seats and payments: {@link BookingTest}.)
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

    /** Asks the reservation to expire as the booking's {@code ExpireHold} handler does, at the given time. */
    record ExpireAt(ReservationId reservationId, Instant now) {
    }

    static class Handlers {
        private final Repository<Reservation> repository;
        private final HoldEndings endings;

        Handlers(Repository<Reservation> repository, HoldEndings endings) {
            this.repository = repository;
            this.endings = endings;
        }

        @CommandHandler
        public void handle(OpenReservation command) throws Exception {
            repository.newInstance(() -> new Reservation(command.held()));
        }

        @CommandHandler
        public Reservation.ExpiryOutcome handle(ExpireAt command) {
            return repository.load(command.reservationId().value()).invoke(r -> r.expire(command.now(), endings));
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Reservation.class);
        fixture.registerAnnotatedCommandHandler(new Handlers(fixture.getRepository(), (reservation, reason) -> endings.add(reason)));
    }

    private ReservationHeld held(Instant expiresAt) {
        return new ReservationHeld(RESERVATION, SCHEDULE, ALICE, List.of(SeatPosition.parse("A-1-1")), new Money(1000, "KRW"), expiresAt);
    }

    @Test
    void aNewHoldRecordsItsExpiryAndSchedulesNothing() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenNoPriorActivity().when(new OpenReservation(held(expiresAt)))
                .expectEvents(held(expiresAt))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anUnpaidHoldExpiresAndEndsOnceItsTimeHasCome() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .when(new ExpireAt(RESERVATION, expiresAt))
                .expectResultMessagePayload(Reservation.ExpiryOutcome.EXPIRED)
                .expectEvents(new ReservationExpired(RESERVATION, SCHEDULE, ALICE));
        assertThat(endings).containsExactly(SeatReleaseReason.HOLD_EXPIRED);
    }

    @Test
    void aHoldDoesNotExpireBeforeItsTime() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .when(new ExpireAt(RESERVATION, expiresAt.minusMillis(1)))
                .expectResultMessagePayload(Reservation.ExpiryOutcome.NOT_DUE)
                .expectNoEvents();
        assertThat(endings).isEmpty();
    }

    @Test
    void aConfirmedReservationIgnoresItsExpiry() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .andGiven(new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, new PaymentOrderId("p-1")))
                .when(new ExpireAt(RESERVATION, expiresAt.plus(Duration.ofMinutes(1))))
                .expectResultMessagePayload(Reservation.ExpiryOutcome.ALREADY_ENDED)
                .expectNoEvents();
        assertThat(endings).isEmpty();
    }

    @Test
    void aReleasedHoldIgnoresItsExpiry() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        fixture.givenCommands(new OpenReservation(held(expiresAt)))
                .andGiven(new ReservationCancelled(RESERVATION, SCHEDULE, ALICE))
                .when(new ExpireAt(RESERVATION, expiresAt))
                .expectResultMessagePayload(Reservation.ExpiryOutcome.ALREADY_ENDED)
                .expectNoEvents();
        assertThat(endings).isEmpty();
    }

    @Test
    void aDuplicateOrLateExpiryChangesNothing() {
        Instant expiresAt = fixture.currentTime().plus(Duration.ofMinutes(5));
        // another instance asked first: the hold has already expired
        fixture.givenCommands(new OpenReservation(held(expiresAt)), new ExpireAt(RESERVATION, expiresAt))
                .when(new ExpireAt(RESERVATION, expiresAt.plus(Duration.ofHours(1))))
                .expectResultMessagePayload(Reservation.ExpiryOutcome.ALREADY_ENDED)
                .expectNoEvents();
        assertThat(endings).as("the hold ended once").containsExactly(SeatReleaseReason.HOLD_EXPIRED);
    }
}
