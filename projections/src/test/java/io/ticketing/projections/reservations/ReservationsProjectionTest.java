package io.ticketing.projections.reservations;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.projections.support.ProjectionDriver;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.ticketing.projections.support.ProjectionDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations and payment orders follow their own aggregate's events; a redelivered or late event (older than what
 * the row has applied) changes nothing, and the two aggregates' events may arrive in either order.
 */
class ReservationsProjectionTest {
    private static final ReservationId RESERVATION = new ReservationId("r-1");
    private static final PaymentOrderId ORDER = new PaymentOrderId("p-1");
    private static final ScheduleId SCHEDULE = new ScheduleId("evening");
    private static final UserId ALICE = new UserId("alice");
    private static final Money TOTAL = new Money(100_000, "KRW");
    private static final Instant HELD_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-01T10:05:00Z");

    private final ProjectionDriver reservations = ProjectionDriver.of(w -> new ReservationsProjection(w.batched()));

    @Test
    void aHoldIsListedForItsOwnerWithItsSeatsPriceAndExpiry() {
        reservations.deliver(held());

        assertThat(reservations.jdbc().queryForMap("""
                SELECT schedule_id, user_id, status, seat_ids, total_price, currency, expires_at, created_at, last_sequence
                FROM reservation_view WHERE reservation_id = ?""", RESERVATION.value()))
                .containsEntry("schedule_id", "evening").containsEntry("user_id", "alice")
                .containsEntry("status", "HELD").containsEntry("seat_ids", "A-1-1,A-1-2")
                .containsEntry("total_price", 100_000L).containsEntry("currency", "KRW")
                .containsEntry("expires_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-01T10:05:00")))
                .containsEntry("created_at", Timestamp.valueOf(LocalDateTime.parse("2026-12-01T10:00:00")))
                .containsEntry("last_sequence", 0L);
    }

    @Test
    void eachEndOfAHoldSetsItsStatus() {
        reservations.deliver(held(), reservationEvent(1, new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, ORDER)));
        assertThat(reservationStatus()).isEqualTo("CONFIRMED");
        reservations.deliver(reservationEvent(2, new ReservationRefunded(RESERVATION, SCHEDULE, ALICE, ORDER, TOTAL)));
        assertThat(reservationStatus()).isEqualTo("REFUNDED");

        ProjectionDriver other = ProjectionDriver.of(w -> new ReservationsProjection(w.batched()));
        other.deliver(held(), reservationEvent(1, new ReservationExpired(RESERVATION, SCHEDULE, ALICE)));
        assertThat(reservationStatus()).isEqualTo("EXPIRED");

        ProjectionDriver third = ProjectionDriver.of(w -> new ReservationsProjection(w.batched()));
        third.deliver(held(), reservationEvent(1, new ReservationCancelled(RESERVATION, SCHEDULE, ALICE)));
        assertThat(reservationStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void aRedeliveredHoldDoesNotUndoItsConfirmation() {
        reservations.deliver(held(), reservationEvent(1, new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, ORDER)));
        reservations.deliver(held());

        assertThat(reservationStatus()).isEqualTo("CONFIRMED");
        assertThat(reservations.jdbc().queryForObject("SELECT last_sequence FROM reservation_view", Long.class)).isEqualTo(1);
    }

    @Test
    void aLateOlderEventIsIgnored() {
        reservations.deliver(held(),
                reservationEvent(1, new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, ORDER)),
                reservationEvent(2, new ReservationRefunded(RESERVATION, SCHEDULE, ALICE, ORDER, TOTAL)),
                reservationEvent(1, new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, ORDER)));

        assertThat(reservationStatus()).isEqualTo("REFUNDED");
    }

    @Test
    void aPaymentOrderIsReadyThenPaidAndALateFailureDoesNotCloseIt() {
        reservations.deliver(orderCreated());
        assertThat(reservations.jdbc().queryForMap(
                "SELECT reservation_id, user_id, status, amount, currency FROM payment_order_view WHERE payment_order_id = ?",
                ORDER.value()))
                .containsEntry("reservation_id", "r-1").containsEntry("user_id", "alice").containsEntry("status", "READY")
                .containsEntry("amount", 100_000L).containsEntry("currency", "KRW");

        reservations.deliver(orderEvent(2, new PaymentCompleted(ORDER, RESERVATION, "key-1", TOTAL)),
                orderEvent(1, new PaymentFailed(ORDER, RESERVATION, "key-0")));

        assertThat(paymentStatus()).isEqualTo("PAID");
    }

    @Test
    void aRefundClosesThePaymentOrderOnceAndARedeliveredPaymentDoesNotReopenIt() {
        reservations.deliver(orderCreated(), orderEvent(1, new PaymentCompleted(ORDER, RESERVATION, "key-1", TOTAL)),
                orderEvent(2, new PaymentRefunded(ORDER, RESERVATION, TOTAL, RefundReason.RESERVATION_CANCELLED)));
        reservations.deliver(orderEvent(1, new PaymentCompleted(ORDER, RESERVATION, "key-1", TOTAL)));

        assertThat(paymentStatus()).isEqualTo("CANCELLED");
    }

    @Test
    void theOrdersEventsMayArriveBeforeOrAfterTheReservationsInOneBatch() {
        reservations.batch(orderCreated(), orderEvent(1, new PaymentCompleted(ORDER, RESERVATION, "key-1", TOTAL)), held(),
                reservationEvent(1, new ReservationConfirmed(RESERVATION, SCHEDULE, ALICE, ORDER)), held());

        assertThat(reservationStatus()).isEqualTo("CONFIRMED");
        assertThat(paymentStatus()).isEqualTo("PAID");
    }

    private String reservationStatus() {
        return reservations.jdbc().queryForObject("SELECT status FROM reservation_view WHERE reservation_id = ?",
                String.class, RESERVATION.value());
    }

    private String paymentStatus() {
        return reservations.jdbc().queryForObject("SELECT status FROM payment_order_view WHERE payment_order_id = ?",
                String.class, ORDER.value());
    }

    private static EventMessage<?> held() {
        return event(RESERVATION.value(), 0, new ReservationHeld(RESERVATION, SCHEDULE, ALICE,
                List.of(SeatPosition.parse("A-1-1"), SeatPosition.parse("A-1-2")), TOTAL, EXPIRES), HELD_AT);
    }

    private static EventMessage<?> reservationEvent(long sequence, Object payload) {
        return event(RESERVATION.value(), sequence, payload);
    }

    private static EventMessage<?> orderCreated() {
        return event(ORDER.value(), 0, new PaymentOrderCreated(ORDER, RESERVATION, ALICE, TOTAL));
    }

    private static EventMessage<?> orderEvent(long sequence, Object payload) {
        return event(ORDER.value(), sequence, payload);
    }
}
