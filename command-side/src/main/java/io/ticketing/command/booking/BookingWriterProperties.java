package io.ticketing.command.booking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketing.booking.*} of the write path (the booking rules' own limits are {@code BookingProperties}).
 *
 * @param writers       booking writer threads; a schedule's commands always go to the same one (default 2: the
 *                      machine kind has two cores, and a writer mostly waits for its commit)
 * @param maxBatch      commands one writer decides and commits in one transaction (default 128)
 * @param routeMemory   reservations whose schedule is remembered for routing with their seats (default 100,000, some 20 MiB);
 *                      an unknown one is routed by its own id, which is only slower, never wrong
 */
@Validated
@ConfigurationProperties("ticketing.booking")
public record BookingWriterProperties(@DefaultValue("2") @Min(1) @Max(64) int writers,
                                      @DefaultValue("128") @Min(1) @Max(10_000) int maxBatch,
                                      @DefaultValue("100000") @Min(1) int routeMemory) {
}
