package io.ticketing.api.reservation;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.ReservationId;

/** The reservation is no longer HELD (confirmed, expired or cancelled): it no longer counts. */
public record HoldQuotaFreed(HoldQuotaId quotaId, ReservationId reservationId) {
}
