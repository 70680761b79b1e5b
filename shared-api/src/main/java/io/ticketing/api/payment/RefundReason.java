package io.ticketing.api.payment;

/** Why a payment was refunded. */
public enum RefundReason {
    /** The payment arrived after the hold had expired or been released: no seat for it. */
    PAID_AFTER_HOLD_ENDED,
    /** The holder cancelled a confirmed reservation. */
    RESERVATION_CANCELLED,
    /**
     * The provider reported the order's payment FAILED, which closed the order, and then reported the same payment
     * (same {@code paymentKey}) PAID: the money exists but the order no longer takes it, so it goes back.
     */
    PAID_AFTER_ORDER_CLOSED
}
