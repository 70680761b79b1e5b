package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;

/** No such reservation, or not the caller's (which must look the same to the caller). */
public class ReservationNotFound extends RuntimeException {
    public ReservationNotFound(ReservationId reservationId) {
        super("Reservation " + reservationId + " was not found.", null, false, false);
    }
}
