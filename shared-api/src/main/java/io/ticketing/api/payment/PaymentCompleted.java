package io.ticketing.api.payment;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;

/** The provider reported the order PAID. The reservation process confirms the reservation from this event. */
public record PaymentCompleted(PaymentOrderId paymentOrderId, ReservationId reservationId, String paymentKey,
                               Money amount) {
}
