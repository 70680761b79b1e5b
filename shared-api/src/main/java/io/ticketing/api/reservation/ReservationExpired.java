package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;

/** The hold was not paid before it expired; its seats are released. */
public record ReservationExpired(ReservationId reservationId) {
}
