package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a seat AVAILABLE again if (and only if) it is held or sold to this reservation. */
public record ReleaseSeat(@TargetAggregateIdentifier SeatId seatId, ReservationId reservationId, SeatReleaseReason reason) {
}
