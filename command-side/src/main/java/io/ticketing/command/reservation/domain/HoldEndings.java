package io.ticketing.command.reservation.domain;

import io.ticketing.api.seat.SeatReleaseReason;

/**
 * What must happen, in the same unit of work, to the other aggregates when a hold ends without a sale:
 * its seats become AVAILABLE and it no longer counts against its holder's active holds.
 */
public interface HoldEndings {
    void holdEnded(Reservation reservation, SeatReleaseReason reason);
}
