package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;

/** The reservation is no longer HELD (or its hold ran out), so it cannot be paid for. */
public class HoldNotActive extends RuntimeException {
    public HoldNotActive(ReservationId reservationId) {
        super("The hold of reservation " + reservationId + " has ended.", null, false, false);
    }
}
