package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;

import java.time.Instant;

/** The seat is HELD for one reservation until {@code heldUntil}. */
public record SeatHeld(SeatId seatId, ReservationId reservationId, Instant heldUntil) {
}
