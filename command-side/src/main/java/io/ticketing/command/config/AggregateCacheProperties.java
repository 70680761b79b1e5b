package io.ticketing.command.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketing.aggregate-cache.*}: how many aggregates each cache keeps (least recently used go first).
 * A seat takes about a kilobyte of heap with its Axon wrappers.
 *
 * @param seats   Seat aggregates (default 200,000)
 * @param booking reservations, hold quotas and payment orders together (default 200,000), split evenly
 *                between their three caches (one per type, so ids of one type never meet another's entries)
 */
@Validated
@ConfigurationProperties("ticketing.aggregate-cache")
public record AggregateCacheProperties(@Min(0) long seats, @Min(0) long booking) {
    public AggregateCacheProperties {
        if (seats == 0) {
            seats = 200_000;
        }
        if (booking == 0) {
            booking = 200_000;
        }
    }

    /** Entries in each of the three booking caches. */
    public long bookingPerType() {
        return Math.max(1, booking / 3);
    }
}
