package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.HoldQuotaFreed;
import io.ticketing.api.reservation.HoldQuotaUsed;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's active holds on one schedule. It is loaded (and so locked, and its sequence number checked
 * on append) in the same unit of work as the seats of a hold, which makes the per-user limit race-free
 * even when one user sends many holds at once.
 */
@Aggregate(cache = "holdQuotaCache", filterEventsByType = true)
public class HoldQuota {
    @AggregateIdentifier
    private HoldQuotaId quotaId;
    private final Set<ReservationId> active = new LinkedHashSet<>();

    public HoldQuota() {
        // for Axon, and for the first hold of a user on a schedule
    }

    /** A user's first hold on a schedule: the quota comes into being with it. */
    public HoldQuota(HoldQuotaId id, ReservationId reservation) {
        apply(new HoldQuotaUsed(id, reservation));
    }

    public void use(HoldQuotaId id, ReservationId reservation, int limit) {
        requireRoomFor(reservation, limit);
        if (!active.contains(reservation)) {
            apply(new HoldQuotaUsed(id, reservation));
        }
    }

    /** Refuses, changing nothing, when one more hold would pass the limit. */
    public void requireRoomFor(ReservationId reservation, int limit) {
        if (!active.contains(reservation) && active.size() >= limit) {
            throw new HoldLimitReached(limit);
        }
    }

    public boolean counts(ReservationId reservation) {
        return active.contains(reservation);
    }

    public void free(ReservationId reservation) {
        if (active.contains(reservation)) {
            apply(new HoldQuotaFreed(quotaId, reservation));
        }
    }

    @EventSourcingHandler
    void on(HoldQuotaUsed event) {
        this.quotaId = event.quotaId();
        active.add(event.reservationId());
    }

    @EventSourcingHandler
    void on(HoldQuotaFreed event) {
        active.remove(event.reservationId());
    }
}
