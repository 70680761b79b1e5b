package io.ticketing.api.payment;

/** Why a payment was refunded. */
public enum RefundReason {
    /** The payment arrived after the hold had expired or been released: no seat for it. */
    PAID_AFTER_HOLD_ENDED,
    /** The holder cancelled a confirmed reservation. */
    RESERVATION_CANCELLED
}
