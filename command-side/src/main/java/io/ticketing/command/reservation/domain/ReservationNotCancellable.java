package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;

/** Only a HELD or CONFIRMED reservation can be cancelled. */
public class ReservationNotCancellable extends RuntimeException {
    public ReservationNotCancellable(ReservationId reservationId, Reservation.Status status) {
        super("Reservation " + reservationId + " is " + status + " and cannot be cancelled.", null, false, false);
    }
}
