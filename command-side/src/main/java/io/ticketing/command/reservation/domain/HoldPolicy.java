package io.ticketing.command.reservation.domain;

import java.time.Duration;

/** The configurable limits of a hold (from {@code ticketing.booking.*}). */
public record HoldPolicy(Duration holdTtl, int maxSeatsPerOrder, int maxActiveHoldsPerUser) {
}
