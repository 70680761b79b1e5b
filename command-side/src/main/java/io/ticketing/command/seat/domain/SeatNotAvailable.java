package io.ticketing.command.seat.domain;

import io.ticketing.api.common.SeatId;

/** The oversell guard: a seat refused a hold or a sale because it is not free for that reservation. */
public class SeatNotAvailable extends RuntimeException {
    private final transient SeatId seatId;

    public SeatNotAvailable(SeatId seatId) {
        super("seat " + seatId + " is not available", null, false, false);
        this.seatId = seatId;
    }

    public SeatId seatId() {
        return seatId;
    }
}
