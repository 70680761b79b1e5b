package io.ticketing.api.reservation;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** Sent by the reservation process when a payment for the reservation completed: sell its seats, or refund. */
public record ConfirmReservation(ReservationId reservationId, PaymentOrderId paymentOrderId, Money amount) {
}
