package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;

/** The holder gives up a reservation: a hold is released, a confirmed one is refunded. */
public record CancelReservation(ReservationId reservationId, UserId userId) {
}
