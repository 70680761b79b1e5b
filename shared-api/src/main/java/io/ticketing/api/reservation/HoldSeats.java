package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;

import java.util.List;

/** Hold every one of {@code seats} of one schedule for a new reservation, or none of them. */
public record HoldSeats(ReservationId reservationId, ScheduleId scheduleId, UserId userId, List<SeatPosition> seats) {
}
