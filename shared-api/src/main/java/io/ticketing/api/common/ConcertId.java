package io.ticketing.api.common;

import java.util.Objects;
import java.util.UUID;

/** Identifies a concert. */
public record ConcertId(String value) {
    public ConcertId {
        Objects.requireNonNull(value, "concert id");
    }

    public static ConcertId random() {
        return new ConcertId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
