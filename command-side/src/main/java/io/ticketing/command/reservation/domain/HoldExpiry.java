package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;

/** The payload of a reservation's hold-expiry deadline (stored by db-scheduler until it is due). */
public record HoldExpiry(ReservationId reservationId) {
}
