package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.UserId;

/** The holder released a HELD reservation before paying; its seats are released. */
public record ReservationCancelled(ReservationId reservationId, ScheduleId scheduleId, UserId userId) {
}
