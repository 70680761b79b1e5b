package io.ticketing.api.seat;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.SeatId;

/** A seat of one schedule went into the write model, AVAILABLE. */
public record SeatCreated(SeatId seatId, ConcertId concertId, String grade, Money price) {
}
