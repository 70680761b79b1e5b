package io.ticketing.command.reservation.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code ticketing.booking.*}.
 *
 * @param holdTtl                how long a hold lasts unpaid (default 5 minutes); returned as {@code expiresAt}
 * @param maxSeatsPerOrder       seats one hold may take (default 4)
 * @param maxActiveHoldsPerUser  HELD reservations one user may have on one schedule at a time (default 1)
 * @param idempotencyRetention   how long the first answer to an {@code Idempotency-Key} is kept (default 24 h, at least that)
 * @param idempotencyLease       how long a first request may run unanswered before a retry with its key takes it over
 *                               (default 30 s): a request that died mid-way blocks its key for this long, not for the
 *                               retention. Keep it above the longest a booking request runs.
 */
@Validated
@ConfigurationProperties("ticketing.booking")
public record BookingProperties(Duration holdTtl, @Min(0) @Max(100) int maxSeatsPerOrder,
                                @Min(0) @Max(100) int maxActiveHoldsPerUser, Duration idempotencyRetention,
                                Duration idempotencyLease) {
    // Defaults in code, not @DefaultValue: tests build this record directly with nulls and zeros and expect what
    // an unset configuration gets; the retention is also a floor (at least 24 h), which no default can say.
    public BookingProperties {
        if (holdTtl == null) {
            holdTtl = Duration.ofMinutes(5);
        }
        if (maxSeatsPerOrder == 0) {
            maxSeatsPerOrder = 4;
        }
        if (maxActiveHoldsPerUser == 0) {
            maxActiveHoldsPerUser = 1;
        }
        if (idempotencyRetention == null || idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            idempotencyRetention = Duration.ofHours(24);
        }
        if (idempotencyLease == null || idempotencyLease.isNegative() || idempotencyLease.isZero()) {
            idempotencyLease = Duration.ofSeconds(30);
        }
    }
}
