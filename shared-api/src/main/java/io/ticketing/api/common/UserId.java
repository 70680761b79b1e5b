package io.ticketing.api.common;

import java.util.Objects;

/** The authenticated person, the {@code sub} claim of the JWT. */
public record UserId(String value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
