package io.ticketing.api.payment;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;

/** A payment order is READY for the amount the server computed from the held seats' prices. */
public record PaymentOrderCreated(PaymentOrderId paymentOrderId, ReservationId reservationId, UserId userId,
                                  Money amount) {
}
