package io.ticketing.projections.reservations;

import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.projections.readmodel.BatchedStatements;
import io.ticketing.projections.readmodel.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * Reservations and their payment orders, for their owners. Each table is keyed by the aggregate whose
 * events fill it (reservation, payment order), so each row only ever sees its own aggregate's events, in
 * order, whatever partitions the two aggregates travel on; every change is guarded by the row's last
 * applied sequence number, so a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.RESERVATIONS)
@ReadModelTables({"reservation_view", "payment_order_view"})
public class ReservationsProjection {
    private final BatchedStatements writes;

    public ReservationsProjection(BatchedStatements writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ReservationHeld event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.add("""
                INSERT INTO reservation_view (reservation_id, schedule_id, user_id, status, seat_ids, total_price, currency,
                                              expires_at, created_at, last_sequence)
                VALUES (?, ?, ?, 'HELD', ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE reservation_id = reservation_id""",
                event.reservationId().value(), event.scheduleId().value(), event.userId().value(),
                event.seats().stream().map(SeatPosition::label).collect(Collectors.joining(",")),
                event.totalPrice().amount(), event.totalPrice().currency(), utc(event.expiresAt()), utc(at), sequence);
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence) {
        status(event.reservationId().value(), ReservationStatus.CONFIRMED, sequence);
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence) {
        status(event.reservationId().value(), ReservationStatus.EXPIRED, sequence);
    }

    @EventHandler
    void on(ReservationCancelled event, @SequenceNumber long sequence) {
        status(event.reservationId().value(), ReservationStatus.CANCELLED, sequence);
    }

    @EventHandler
    void on(ReservationRefunded event, @SequenceNumber long sequence) {
        status(event.reservationId().value(), ReservationStatus.REFUNDED, sequence);
    }

    @EventHandler
    void on(PaymentOrderCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.add("""
                INSERT INTO payment_order_view (payment_order_id, reservation_id, user_id, status, amount, currency,
                                                created_at, last_sequence)
                VALUES (?, ?, ?, 'READY', ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE payment_order_id = payment_order_id""",
                event.paymentOrderId().value(), event.reservationId().value(), event.userId().value(),
                event.amount().amount(), event.amount().currency(), utc(at), sequence);
    }

    @EventHandler
    void on(PaymentCompleted event, @SequenceNumber long sequence) {
        paymentStatus(event.paymentOrderId().value(), PaymentOrderStatus.PAID, sequence);
    }

    @EventHandler
    void on(PaymentFailed event, @SequenceNumber long sequence) {
        paymentStatus(event.paymentOrderId().value(), PaymentOrderStatus.CANCELLED, sequence);
    }

    @EventHandler
    void on(PaymentRefunded event, @SequenceNumber long sequence) {
        paymentStatus(event.paymentOrderId().value(), PaymentOrderStatus.CANCELLED, sequence);
    }

    private void status(String reservationId, ReservationStatus status, long sequence) {
        writes.add("UPDATE reservation_view SET status = ?, last_sequence = ? WHERE reservation_id = ? AND last_sequence < ?",
                status.name(), sequence, reservationId, sequence);
    }

    private void paymentStatus(String paymentOrderId, PaymentOrderStatus status, long sequence) {
        writes.add("UPDATE payment_order_view SET status = ?, last_sequence = ? WHERE payment_order_id = ? AND last_sequence < ?",
                status.name(), sequence, paymentOrderId, sequence);
    }

    /** DATETIME columns hold UTC wall-clock time, as the JPA side (hibernate.jdbc.time_zone=UTC) reads them. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
