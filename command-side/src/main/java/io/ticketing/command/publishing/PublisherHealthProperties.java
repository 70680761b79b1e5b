package io.ticketing.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code ticketing.health.*}: when the publisher counts as too far behind.
 *
 * @param maxPublisherLag how old the oldest event not yet sent to Kafka may be before health is DOWN (default 60 s).
 *                        A publisher that is alive but stuck (its event store reader died, Kafka refuses it) lets
 *                        this age grow while the read models and the reservation process see nothing new.
 */
@ConfigurationProperties("ticketing.health")
public record PublisherHealthProperties(Duration maxPublisherLag) {
    public PublisherHealthProperties {
        if (maxPublisherLag == null || maxPublisherLag.isZero() || maxPublisherLag.isNegative()) {
            maxPublisherLag = Duration.ofSeconds(60);
        }
    }
}
