package io.ticketing.api.payment;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/**
 * Money paid for the order goes back to the payer; the order is CANCELLED. Happens when a confirmed
 * reservation is cancelled, when a payment arrives after its hold expired (it never becomes a seat), or when
 * the provider reports PAID for a payment it had reported FAILED ({@link RefundReason#PAID_AFTER_ORDER_CLOSED}).
 */
public record PaymentRefunded(PaymentOrderId paymentOrderId, ReservationId reservationId, Money amount,
                              RefundReason reason) {
}
