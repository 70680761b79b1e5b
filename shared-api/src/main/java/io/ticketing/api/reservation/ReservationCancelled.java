package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;

/** The holder released a HELD reservation before paying; its seats are released. */
public record ReservationCancelled(ReservationId reservationId) {
}
