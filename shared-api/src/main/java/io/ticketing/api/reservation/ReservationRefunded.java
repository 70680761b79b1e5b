package io.ticketing.api.reservation;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** A CONFIRMED reservation was cancelled: its seats are released and its payment is refunded. */
public record ReservationRefunded(ReservationId reservationId, PaymentOrderId paymentOrderId, Money amount) {
}
