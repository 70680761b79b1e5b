package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.api.seat.SeatReleaseReason;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * 1..N seats of one schedule held together for one user: {@code HELD → CONFIRMED | EXPIRED | CANCELLED},
 * {@code CONFIRMED → REFUNDED}. Its hold ends at {@code expiresAt} when an {@code ExpireHold} arrives (sent by the
 * command side's in-memory expiry wheel, which learns every hold from the event store): nothing is written for the
 * expiry until it happens. The seats are changed in the same unit of work by {@link Booking}.
 */
@Aggregate(cache = "reservationCache", filterEventsByType = true)
public class Reservation {
    public enum Status { HELD, CONFIRMED, EXPIRED, CANCELLED, REFUNDED }

    /** What a payment that completed for this reservation leads to. */
    public enum PaymentOutcome { CONFIRMED, ALREADY_CONFIRMED, REFUND }

    /** What the holder's cancellation leads to. */
    public enum CancelOutcome { HOLD_RELEASED, SALE_REFUNDED }

    /** What an expiry request leads to: only a running hold whose time has passed expires. */
    public enum ExpiryOutcome { EXPIRED, NOT_DUE, ALREADY_ENDED }

    /** The plain string form, as stored in the event table's aggregate id. */
    @AggregateIdentifier
    private String id;
    private ReservationId reservationId;
    private ScheduleId scheduleId;
    private UserId userId;
    private List<SeatPosition> seats;
    private Money totalPrice;
    private Instant expiresAt;
    private Status status;
    private PaymentOrderId paidWith;

    protected Reservation() {
        // for Axon
    }

    Reservation(ReservationHeld held) {
        apply(held);
    }

    public ReservationId reservationId() {
        return reservationId;
    }

    public ScheduleId scheduleId() {
        return scheduleId;
    }

    public UserId userId() {
        return userId;
    }

    public Status status() {
        return status;
    }

    public Money totalPrice() {
        return totalPrice;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public List<SeatId> seatIds() {
        return seats.stream().map(p -> new SeatId(scheduleId, p)).toList();
    }

    /** A user sees only their own reservations: anyone else's is as good as unknown. */
    public void requireOwner(UserId user) {
        if (!userId.equals(user)) {
            throw new ReservationNotFound(reservationId);
        }
    }

    /** A payment order may be opened only for a hold that is still running; returns the amount to pay. */
    public Money requirePayable(Instant now) {
        if (status != Status.HELD || !now.isBefore(expiresAt)) {
            throw new HoldNotActive(reservationId);
        }
        return totalPrice;
    }

    /**
     * A completed payment (the booking has checked that the order completed a payment for this reservation and
     * its price before it asks) confirms a running hold. One that arrives when the hold already ended (expired,
     * cancelled, or confirmed by another payment) is refunded, never turned into a seat.
     */
    public PaymentOutcome paymentCompleted(PaymentOrderId paymentOrderId) {
        if (status == Status.HELD) {
            apply(new ReservationConfirmed(reservationId, scheduleId, userId, paymentOrderId));
            return PaymentOutcome.CONFIRMED;
        }
        if (paymentOrderId.equals(paidWith)) {
            return PaymentOutcome.ALREADY_CONFIRMED;
        }
        return PaymentOutcome.REFUND;
    }

    /**
     * A hold is released whenever its holder wants; a confirmed sale is refunded only until its show starts
     * (a schedule whose start is not known: no limit). The show's start is asked for only then, so releasing a
     * hold costs no look-up.
     */
    public CancelOutcome cancel(Instant now, ShowTimes shows) {
        switch (status) {
            case HELD -> {
                apply(new ReservationCancelled(reservationId, scheduleId, userId));
                return CancelOutcome.HOLD_RELEASED;
            }
            case CONFIRMED -> {
                Instant showStartsAt = shows.startsAt(scheduleId).orElse(null);
                if (showStartsAt != null && !now.isBefore(showStartsAt)) {
                    throw new ShowStarted(reservationId);
                }
                apply(new ReservationRefunded(reservationId, scheduleId, userId, paidWith, totalPrice));
                return CancelOutcome.SALE_REFUNDED;
            }
            default -> throw new ReservationNotCancellable(reservationId, status);
        }
    }

    public PaymentOrderId paidWith() {
        return paidWith;
    }

    /**
     * A hold expires only while it is still HELD and once {@code expiresAt} has passed: an expiry requested early
     * (a clock ahead) waits, and a duplicate or late one (another instance already expired it, or it was paid
     * or released meanwhile) changes nothing. The seats and the quota end in the same unit of work.
     */
    public ExpiryOutcome expire(Instant now, HoldEndings endings) {
        if (status != Status.HELD) {
            return ExpiryOutcome.ALREADY_ENDED;
        }
        if (now.isBefore(expiresAt)) {
            return ExpiryOutcome.NOT_DUE;
        }
        apply(new ReservationExpired(reservationId, scheduleId, userId));
        endings.holdEnded(this, SeatReleaseReason.HOLD_EXPIRED);
        return ExpiryOutcome.EXPIRED;
    }

    @EventSourcingHandler
    void on(ReservationHeld event) {
        this.id = event.reservationId().value();
        this.reservationId = event.reservationId();
        this.scheduleId = event.scheduleId();
        this.userId = event.userId();
        this.seats = List.copyOf(event.seats());
        this.totalPrice = event.totalPrice();
        this.expiresAt = event.expiresAt();
        this.status = Status.HELD;
    }

    @EventSourcingHandler
    void on(ReservationConfirmed event) {
        this.status = Status.CONFIRMED;
        this.paidWith = event.paymentOrderId();
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        this.status = Status.EXPIRED;
    }

    @EventSourcingHandler
    void on(ReservationCancelled event) {
        this.status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(ReservationRefunded event) {
        this.status = Status.REFUNDED;
    }
}
