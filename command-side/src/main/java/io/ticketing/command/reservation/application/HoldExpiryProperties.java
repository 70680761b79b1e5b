package io.ticketing.command.reservation.application;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ticketing.booking.expiry.*}: how the in-memory hold expiry runs.
 *
 * @param checkInterval how often due holds are looked for (default 250 ms): a hold expires at most about this
 *                      much after its {@code expiresAt}
 * @param markInterval  how often the low-water mark is written (default 5 s; only when it moved): the rebuild at
 *                      start-up reads the events after it
 * @param gapTimeout    a gap in the event store's global index older than this is taken as never to fill, so the
 *                      mark may pass it; unset: the event store's own gap timeout ({@code ticketing.eventstore.*},
 *                      after which no transaction can still commit into the gap)
 * @param maxInFlight   expiries asked at once, without waiting for each answer in turn (default 128, the booking
 *                      writers' batch size): they reach the writers together and are committed in their batches;
 *                      a larger backlog of due holds is asked this many at a time
 */
@Validated
@ConfigurationProperties("ticketing.booking.expiry")
public record HoldExpiryProperties(@DefaultValue("250ms") @DurationMin(millis = 1) Duration checkInterval,
                                   @DefaultValue("5s") @DurationMin(millis = 1) Duration markInterval,
                                   @DurationMin(millis = 0) Duration gapTimeout,
                                   @DefaultValue("128") @Min(1) int maxInFlight) {
}
