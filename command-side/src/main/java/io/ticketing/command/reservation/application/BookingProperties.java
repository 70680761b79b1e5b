package io.ticketing.command.reservation.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
public record BookingProperties(@DefaultValue("5m") Duration holdTtl,
                                @DefaultValue("4") @Min(1) @Max(100) int maxSeatsPerOrder,
                                @DefaultValue("1") @Min(1) @Max(100) int maxActiveHoldsPerUser,
                                @DefaultValue("24h") Duration idempotencyRetention,
                                @DefaultValue("30s") @DurationMin(millis = 1) Duration idempotencyLease) {
    private static final Duration MIN_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    // The retention is a floor, not only a default: answers are kept at least 24 h whatever is configured.
    public BookingProperties {
        if (idempotencyRetention.compareTo(MIN_IDEMPOTENCY_RETENTION) < 0) {
            idempotencyRetention = MIN_IDEMPOTENCY_RETENTION;
        }
    }
}
