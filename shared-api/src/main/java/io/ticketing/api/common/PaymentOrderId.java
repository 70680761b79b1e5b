package io.ticketing.api.common;

import java.util.Objects;
import java.util.UUID;

/** One payment order for one reservation. */
public record PaymentOrderId(String value) {
    public PaymentOrderId {
        Objects.requireNonNull(value, "PaymentOrderId");
    }

    public static PaymentOrderId random() {
        return new PaymentOrderId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
