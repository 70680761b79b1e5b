package io.ticketing.api.reservation;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.UserId;

/** A CONFIRMED reservation was cancelled: its seats are released and its payment is refunded. */
public record ReservationRefunded(ReservationId reservationId, ScheduleId scheduleId, UserId userId, PaymentOrderId paymentOrderId, Money amount) {
}
