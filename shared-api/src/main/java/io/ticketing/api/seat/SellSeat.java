package io.ticketing.api.seat;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sell a seat to the reservation that holds it. */
public record SellSeat(@TargetAggregateIdentifier SeatId seatId, ReservationId reservationId) {
}
