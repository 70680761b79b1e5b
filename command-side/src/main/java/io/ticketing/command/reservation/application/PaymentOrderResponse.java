package io.ticketing.command.reservation.application;

/** The answer to an opened payment order. */
public record PaymentOrderResponse(String paymentOrderId, String reservationId, long amount, String currency, String status) {
}
