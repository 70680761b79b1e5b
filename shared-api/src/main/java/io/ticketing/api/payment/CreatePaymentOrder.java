package io.ticketing.api.payment;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;

/** The holder asks to pay for a HELD reservation; the amount is the reservation's, computed by the server. */
public record CreatePaymentOrder(PaymentOrderId paymentOrderId, ReservationId reservationId, UserId userId) {
}
