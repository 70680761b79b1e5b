package io.ticketing.api.reservation;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.ReservationId;

/** A reservation counts against its holder's active holds on the schedule while it is HELD. */
public record HoldQuotaUsed(HoldQuotaId quotaId, ReservationId reservationId) {
}
