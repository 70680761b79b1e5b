package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;

/** The seat is AVAILABLE again: its hold expired or was released, or its sale was cancelled with a refund. */
public record SeatReleased(SeatId seatId, ReservationId reservationId, SeatReleaseReason reason) {
}
