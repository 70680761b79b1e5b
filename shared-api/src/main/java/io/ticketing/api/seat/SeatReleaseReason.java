package io.ticketing.api.seat;

/** Why a seat became AVAILABLE again. */
public enum SeatReleaseReason {
    /** The hold was not paid in time. */
    HOLD_EXPIRED,
    /** The holder released the hold. */
    HOLD_CANCELLED,
    /** A confirmed reservation was cancelled and refunded. */
    SALE_REFUNDED
}
