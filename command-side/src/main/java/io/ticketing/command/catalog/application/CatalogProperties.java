package io.ticketing.command.catalog.application;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketing.catalog.*}.
 *
 * @param maxSeatsPerConcert the most seats one concert creation may make, counted over all its schedules (seats per
 *                           schedule × schedules; default 100,000). Every seat is an aggregate appended in the
 *                           creation's one transaction, so this bounds what one admin request costs the event store
 */
@Validated
@ConfigurationProperties("ticketing.catalog")
public record CatalogProperties(@DefaultValue("100000") @Positive int maxSeatsPerConcert) {
}
