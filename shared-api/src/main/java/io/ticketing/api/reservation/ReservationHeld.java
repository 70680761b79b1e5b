package io.ticketing.api.reservation;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;

import java.time.Instant;
import java.util.List;

/** Every requested seat is held for this reservation (all or nothing) until {@code expiresAt}. */
public record ReservationHeld(ReservationId reservationId,
                              ScheduleId scheduleId,
                              UserId userId,
                              List<SeatPosition> seats,
                              Money totalPrice,
                              Instant expiresAt) {
}
