package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.reservation.HoldSeats;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance last committed about held seats, to refuse a hopeless hold before taking any lock
 * (docs/design.md, "Performance budget": refuse early and cheaply). {@link Booking} tells it what it committed;
 * the command bus asks it once per hold, before the hold is queued for a writer. A hint only ever refuses, and only
 * until the hold it saw runs out, so a release made by another instance delays nobody for longer than that hold's
 * TTL; the decision to accept is always taken on the locked aggregates.
 */
public final class SeatHoldHints {
    private record Hint(ReservationId reservationId, Instant until) {
    }

    private final Map<SeatId, Hint> held = new ConcurrentHashMap<>();
    private final Clock clock;

    public SeatHoldHints(Clock clock) {
        this.clock = clock;
    }

    /**
     * Refuses the hold with {@link SeatsUnavailable} if this instance saw any of its seats held for another
     * reservation by a hold that has not run out; otherwise does nothing.
     */
    public void refuseIfHopeless(HoldSeats command) {
        Instant now = clock.instant();
        List<SeatPosition> taken = new ArrayList<>();
        for (SeatPosition position : command.seats()) {
            if (heldForAnother(new SeatId(command.scheduleId(), position), command.reservationId(), now)) {
                taken.add(position);
            }
        }
        if (!taken.isEmpty()) {
            throw new SeatsUnavailable(taken);
        }
    }

    void held(SeatId seat, ReservationId reservation, Instant until) {
        held.put(seat, new Hint(reservation, until));
    }

    void ended(SeatId seat, ReservationId reservation) {
        held.computeIfPresent(seat, (id, hint) -> hint.reservationId().equals(reservation) ? null : hint);
    }

    private boolean heldForAnother(SeatId seat, ReservationId reservation, Instant now) {
        Hint hint = held.get(seat);
        if (hint == null) {
            return false;
        }
        if (!hint.until().isAfter(now)) {
            held.remove(seat, hint);
            return false;
        }
        return !hint.reservationId().equals(reservation);
    }
}
