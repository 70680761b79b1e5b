package io.ticketing.command.payment.domain;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/**
 * A confirmation names a payment order that did not complete a payment for that reservation (unknown, not paid,
 * another reservation's, another amount): the reservation is not confirmed and no seat is sold.
 */
public class PaymentNotCompleted extends RuntimeException {
    public PaymentNotCompleted(PaymentOrderId paymentOrderId, ReservationId reservationId) {
        super("Payment order " + paymentOrderId + " has not completed a payment for reservation " + reservationId + ".",
                null, false, false);
    }
}
