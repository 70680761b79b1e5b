package io.ticketing.api.common;

import java.util.Objects;
import java.util.UUID;

/** One reservation: 1..N seats of one schedule held together for one user. */
public record ReservationId(String value) {
    public ReservationId {
        Objects.requireNonNull(value, "ReservationId");
    }

    public static ReservationId random() {
        return new ReservationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
