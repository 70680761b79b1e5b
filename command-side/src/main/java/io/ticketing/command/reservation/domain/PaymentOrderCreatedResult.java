package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** What opening a payment order answers: the order and the server-computed amount. */
public record PaymentOrderCreatedResult(PaymentOrderId paymentOrderId, ReservationId reservationId, Money amount) {
}
