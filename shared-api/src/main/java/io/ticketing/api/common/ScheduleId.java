package io.ticketing.api.common;

import java.util.Objects;
import java.util.UUID;

/** Identifies one performance (schedule) of a concert; seats and waiting rooms belong to a schedule. */
public record ScheduleId(String value) {
    public ScheduleId {
        Objects.requireNonNull(value, "schedule id");
    }

    public static ScheduleId random() {
        return new ScheduleId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
