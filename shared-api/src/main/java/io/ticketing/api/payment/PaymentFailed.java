package io.ticketing.api.payment;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** The provider reported the payment FAILED: the order is CANCELLED, the hold stays until it expires. */
public record PaymentFailed(PaymentOrderId paymentOrderId, ReservationId reservationId, String paymentKey) {
}
