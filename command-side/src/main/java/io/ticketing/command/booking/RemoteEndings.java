package io.ticketing.command.booking;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.UserId;
import org.axonframework.common.caching.Cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this instance's aggregate caches about reservations that another instance ended. A refusal no longer
 * rolls back (which used to evict what it loaded), so without this a seat or quota cached here while held would
 * be refused here for ever after another instance released it. Every ending in the event store reaches
 * {@link #ended} (through the hold-expiry tracker); the ones this instance decided itself (marked before their
 * commit, unmarked if rolled back) were applied to its caches already and are skipped, the others evict the reservation, its quota and its seats, which are read
 * afresh on their next use. An accepted decision on stale state needs none of this: its append fails on the
 * (aggregate id, sequence number) key and is retried alone on fresh state.
 */
public class RemoteEndings {
    private static final int MAX_UNSEEN = 100_000;

    private final Set<ReservationId> endedHere = ConcurrentHashMap.newKeySet();
    private final BookingRoutes routes;
    private final Cache seats;
    private final Cache quotas;
    private final Cache reservations;

    public RemoteEndings(BookingRoutes routes, Cache seats, Cache quotas, Cache reservations) {
        this.routes = routes;
        this.seats = seats;
        this.quotas = quotas;
        this.reservations = reservations;
    }

    /** This instance is ending a reservation (told before its commit, so the tracker can never read it first). */
    public void endedHere(ReservationId reservation) {
        if (endedHere.size() >= MAX_UNSEEN) {
            // the tracker is far behind or stopped: forgetting only costs evictions of fresh entries
            endedHere.clear();
        }
        endedHere.add(reservation);
    }

    /** An ending this instance decided was rolled back: it will not be in the store as this instance's. */
    public void endingRolledBack(ReservationId reservation) {
        endedHere.remove(reservation);
    }

    /** A reservation's end as read from the event store (paid, released, expired, refunded). */
    public void ended(ReservationId reservation, ScheduleId schedule, UserId user) {
        if (endedHere.remove(reservation)) {
            return;
        }
        reservations.remove(reservation.value());
        quotas.remove(new HoldQuotaId(schedule, user).toString());
        routes.routeOf(reservation).ifPresent(route -> {
            for (SeatId seat : route.seatIds()) {
                seats.remove(seat.toString());
            }
        });
    }
}
