package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;

/** A confirmed reservation whose show has started can no longer be cancelled and refunded. */
public class ShowStarted extends RuntimeException {
    public ShowStarted(ReservationId reservationId) {
        super("The show of reservation " + reservationId + " has started; it can no longer be cancelled.", null, false, false);
    }
}
