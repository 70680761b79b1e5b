package io.ticketing.command.payment.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CompletePayment;
import io.ticketing.api.payment.FailPayment;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One attempt to pay for one reservation: {@code READY → PAID | CANCELLED}; a PAID order is refunded
 * ({@code CANCELLED}) when its money cannot become a seat or the sale is cancelled. The provider's
 * callbacks are idempotent by {@code paymentKey}.
 * <p>
 * Money the provider reports is never kept without a seat: a PAID callback is either applied (the order
 * completes, and the reservation process confirms or refunds it) or refused with nothing recorded (a closed
 * order refuses a new payment key: the provider must not keep that money). The one PAID callback that can be
 * neither is the provider correcting itself — PAID for the very payment it reported FAILED: the order closed
 * with that payment, so the money is refunded at once ({@link RefundReason#PAID_AFTER_ORDER_CLOSED}).
 */
@Aggregate(cache = "paymentOrderCache", filterEventsByType = true)
public class PaymentOrder {
    public enum Status { READY, PAID, CANCELLED }

    @AggregateIdentifier
    private PaymentOrderId paymentOrderId;
    private ReservationId reservationId;
    private UserId userId;
    private Money amount;
    private Status status;
    /** The key of the callback that closed the order (PAID or FAILED). */
    private String paymentKey;
    /** A PaymentCompleted was applied: the order's money was taken for its reservation. */
    private boolean completed;
    private boolean refunded;

    protected PaymentOrder() {
        // for Axon
    }

    public PaymentOrder(PaymentOrderId paymentOrderId, ReservationId reservationId, UserId userId, Money amount) {
        apply(new PaymentOrderCreated(paymentOrderId, reservationId, userId, amount));
    }

    public PaymentOrderId paymentOrderId() {
        return paymentOrderId;
    }

    public ReservationId reservationId() {
        return reservationId;
    }

    public UserId userId() {
        return userId;
    }

    public Money amount() {
        return amount;
    }

    public Status status() {
        return status;
    }

    @CommandHandler
    public void complete(CompletePayment command) {
        if (failedThenPaid(command.paymentKey())) {
            requireAmount(command.amount());
            apply(new PaymentRefunded(paymentOrderId, reservationId, amount, RefundReason.PAID_AFTER_ORDER_CLOSED));
            return;
        }
        if (alreadyApplied(command.paymentKey())) {
            return;
        }
        requireReadyFor(command.amount());
        apply(new PaymentCompleted(paymentOrderId, reservationId, command.paymentKey(), amount));
    }

    @CommandHandler
    public void fail(FailPayment command) {
        if (alreadyApplied(command.paymentKey())) {
            return;
        }
        requireReadyFor(command.amount());
        apply(new PaymentFailed(paymentOrderId, reservationId, command.paymentKey()));
    }

    /**
     * A confirmation of {@code reservation} names this order: it must be this reservation's order, for this
     * amount, and its payment must have completed. Anything else is a forged or mismatched confirmation.
     */
    public void requireCompletedFor(ReservationId reservation, Money paid) {
        if (!completed || !reservationId.equals(reservation) || !amount.equals(paid)) {
            throw new PaymentNotCompleted(paymentOrderId, reservation);
        }
    }

    /** Gives the money back; a no-op for an order that was never paid or is refunded already. */
    public void refund(RefundReason reason) {
        if (status != Status.PAID || refunded) {
            return;
        }
        apply(new PaymentRefunded(paymentOrderId, reservationId, amount, reason));
    }

    /** The provider reports PAID for the payment it reported FAILED (and that was not refunded yet). */
    private boolean failedThenPaid(String key) {
        return status == Status.CANCELLED && !completed && !refunded && key != null && key.equals(paymentKey);
    }

    private boolean alreadyApplied(String key) {
        return status != Status.READY && key != null && key.equals(paymentKey);
    }

    private void requireReadyFor(Money paid) {
        if (status != Status.READY) {
            throw new PaymentOrderClosed(paymentOrderId, status);
        }
        requireAmount(paid);
    }

    private void requireAmount(Money paid) {
        if (!amount.equals(paid)) {
            throw new PaymentAmountMismatch(paymentOrderId, amount, paid);
        }
    }

    @EventSourcingHandler
    void on(PaymentOrderCreated event) {
        this.paymentOrderId = event.paymentOrderId();
        this.reservationId = event.reservationId();
        this.userId = event.userId();
        this.amount = event.amount();
        this.status = Status.READY;
    }

    @EventSourcingHandler
    void on(PaymentCompleted event) {
        this.status = Status.PAID;
        this.paymentKey = event.paymentKey();
        this.completed = true;
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        this.status = Status.CANCELLED;
        this.paymentKey = event.paymentKey();
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        this.status = Status.CANCELLED;
        this.refunded = true;
    }
}
