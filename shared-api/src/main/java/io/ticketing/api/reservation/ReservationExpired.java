package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.UserId;

/** The hold was not paid before it expired; its seats are released. */
public record ReservationExpired(ReservationId reservationId, ScheduleId scheduleId, UserId userId) {
}
