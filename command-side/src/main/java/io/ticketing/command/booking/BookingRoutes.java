package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which schedule a reservation belongs to, so that its later commands (cancel, pay, expire, confirm) reach the
 * writer of that schedule and meet its seats' locks on the same thread. Bounded: the oldest reservations are
 * forgotten first; a forgotten one only costs a lock wait on another writer.
 */
public class BookingRoutes {
    private final Map<ReservationId, ScheduleId> schedules;

    public BookingRoutes(int capacity) {
        this.schedules = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ReservationId, ScheduleId> eldest) {
                return size() > capacity;
            }
        };
    }

    public void remember(ReservationId reservation, ScheduleId schedule) {
        synchronized (schedules) {
            schedules.put(reservation, schedule);
        }
    }

    public Optional<ScheduleId> scheduleOf(ReservationId reservation) {
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
