package io.ticketing.api.reservation;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.UserId;

/** The reservation is paid and its seats are SOLD. */
public record ReservationConfirmed(ReservationId reservationId, ScheduleId scheduleId, UserId userId, PaymentOrderId paymentOrderId) {
}
