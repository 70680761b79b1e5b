package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.SeatPosition;

import java.util.List;

/** Some requested seats are held or sold already: none of the order is held. */
public class SeatsUnavailable extends RuntimeException {
    private final transient List<SeatPosition> seats;

    public SeatsUnavailable(List<SeatPosition> seats) {
        super("Seats " + seats + " are not available; nothing was held.", null, false, false);
        this.seats = List.copyOf(seats);
    }

    public List<SeatPosition> seats() {
        return seats;
    }
}
