package io.ticketing.api.common;

import java.util.Objects;

/**
 * The identity of one Seat aggregate: a seat position within one schedule. Its string form
 * ({@code <scheduleId>/<label>}) is the aggregate identifier in the event store and the Kafka key.
 */
public record SeatId(ScheduleId scheduleId, SeatPosition position) {
    public SeatId {
        Objects.requireNonNull(scheduleId, "schedule id");
        Objects.requireNonNull(position, "seat position");
    }

    public static SeatId of(ScheduleId scheduleId, String label) {
        return new SeatId(scheduleId, SeatPosition.parse(label));
    }

    public String label() {
        return position.label();
    }

    @Override
    public String toString() {
        return scheduleId.value() + "/" + position.label();
    }
}
