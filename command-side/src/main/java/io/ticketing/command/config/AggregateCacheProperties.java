package io.ticketing.command.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketing.aggregate-cache.*}: how many aggregates each cache keeps (least recently used go first).
 * Unset (0), a cache is sized from the heap ({@link AggregateCacheSizing}): the two caches together take
 * {@code heapShare} of the JVM's maximum heap. A fixed count is still honoured, but it is the operator's job
 * then to give the JVM the heap it needs (README, "Heap").
 *
 * @param seats     Seat aggregates (0: sized from the heap)
 * @param booking   reservations, hold quotas and payment orders together (0: sized from the heap), split evenly
 *                  between their three caches (one per type, so ids of one type never meet another's entries)
 * @param heapShare share of the maximum heap both caches may fill when sized from it (default 0.25)
 */
@Validated
@ConfigurationProperties("ticketing.aggregate-cache")
public record AggregateCacheProperties(@DefaultValue("0") @Min(0) long seats, @DefaultValue("0") @Min(0) long booking,
                                       @DefaultValue("0.25") @DecimalMin(value = "0.0", inclusive = false)
                                       @DecimalMax("0.6") double heapShare) {
}
