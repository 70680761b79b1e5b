package io.ticketing.api.reservation;

import io.ticketing.api.common.ReservationId;

/**
 * Sent when a hold's {@code expiresAt} has come (by any command-side instance, possibly more than one):
 * the reservation decides, so only a hold still HELD whose time has passed expires; any other is a no-op.
 */
public record ExpireHold(ReservationId reservationId) {
}
