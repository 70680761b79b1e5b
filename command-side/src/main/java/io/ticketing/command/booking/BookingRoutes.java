package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which schedule and seats a reservation has, so that its later commands (cancel, pay, expire, confirm) reach the
 * writer of that schedule and meet its seats' locks on the same thread, and so that an ending made by another
 * instance can be told to this one's caches ({@link RemoteEndings}). Bounded: the oldest reservations are
 * forgotten first; a forgotten one only costs a lock wait on another writer.
 */
public class BookingRoutes {
    /** A reservation's schedule and seats. */
    public record Route(ScheduleId schedule, List<SeatPosition> seats) {
        public List<SeatId> seatIds() {
            return seats.stream().map(p -> new SeatId(schedule, p)).toList();
        }
    }

    private final Map<ReservationId, Route> schedules;

    public BookingRoutes(int capacity) {
        this.schedules = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ReservationId, Route> eldest) {
                return size() > capacity;
            }
        };
    }

    public void remember(ReservationId reservation, ScheduleId schedule, List<SeatPosition> seats) {
        Route route = new Route(schedule, List.copyOf(seats));
        synchronized (schedules) {
            schedules.put(reservation, route);
        }
    }

    public Optional<Route> routeOf(ReservationId reservation) {
        synchronized (schedules) {
            return Optional.ofNullable(schedules.get(reservation));
        }
    }

    public int size() {
        synchronized (schedules) {
            return schedules.size();
        }
    }
}
