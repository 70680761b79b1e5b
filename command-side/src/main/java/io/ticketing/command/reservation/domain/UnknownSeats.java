package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.SeatPosition;

import java.util.List;

/** Some requested seats do not exist in this schedule (or the schedule does not exist). */
public class UnknownSeats extends RuntimeException {
    private final transient List<SeatPosition> seats;

    public UnknownSeats(List<SeatPosition> seats) {
        super("Seats " + seats + " do not exist in this schedule; nothing was held.", null, false, false);
        this.seats = List.copyOf(seats);
    }

    public List<SeatPosition> seats() {
        return seats;
    }
}
