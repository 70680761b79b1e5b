package io.ticketing.api.reservation;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** The reservation is paid and its seats are SOLD. */
public record ReservationConfirmed(ReservationId reservationId, PaymentOrderId paymentOrderId) {
}
