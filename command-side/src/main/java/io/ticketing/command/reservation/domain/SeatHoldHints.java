package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance last committed about held seats, to refuse a hopeless hold before taking any lock
 * (DESIGN.md: refuse early and cheaply). A hint only ever refuses, and only until the hold it saw runs out,
 * so a release made by another instance delays nobody for longer than that hold's TTL.
 */
final class SeatHoldHints {
    private record Hint(ReservationId reservationId, Instant until) {
    }

    private final Map<SeatId, Hint> held = new ConcurrentHashMap<>();

    void held(SeatId seat, ReservationId reservation, Instant until) {
        held.put(seat, new Hint(reservation, until));
    }

    void ended(SeatId seat, ReservationId reservation) {
        held.computeIfPresent(seat, (id, hint) -> hint.reservationId().equals(reservation) ? null : hint);
    }

    boolean heldForAnother(SeatId seat, ReservationId reservation, Instant now) {
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
