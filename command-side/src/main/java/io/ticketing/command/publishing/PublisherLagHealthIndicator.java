package io.ticketing.command.publishing;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;

/**
 * Health contributor {@code publisherLag}: DOWN when an event has waited longer than
 * {@code ticketing.health.max-publisher-lag} to be sent to Kafka. The processor-state check
 * ({@code eventProcessors}) sees a publisher that stopped or fails; this one sees a publisher that looks alive
 * but no longer moves, or moves too slowly to matter.
 */
public class PublisherLagHealthIndicator implements HealthIndicator {
    private final PublisherLag lag;
    private final Duration maxLag;

    public PublisherLagHealthIndicator(PublisherLag lag, PublisherHealthProperties properties) {
        this.lag = lag;
        this.maxLag = properties.maxPublisherLag();
    }

    @Override
    public Health health() {
        return lag.measure()
                .map(measured -> (measured.oldestUnsentAge().compareTo(maxLag) > 0 ? Health.down() : Health.up())
                        .withDetail("position", measured.position())
                        .withDetail("head", measured.head())
                        .withDetail("lagEvents", measured.events())
                        .withDetail("oldestUnsentAgeMillis", measured.oldestUnsentAge().toMillis())
                        .withDetail("maxLagMillis", maxLag.toMillis())
                        .build())
                .orElseGet(() -> Health.up().withDetail("segment", "not processed by this instance").build());
    }
}
