package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Hold one seat for a reservation; part of a reservation's all-or-nothing hold. */
public record HoldSeat(@TargetAggregateIdentifier SeatId seatId, ReservationId reservationId, Instant heldUntil) {
}
