package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;

/** The seat is SOLD to the reservation that held it. */
public record SeatSold(SeatId seatId, ReservationId reservationId) {
}
