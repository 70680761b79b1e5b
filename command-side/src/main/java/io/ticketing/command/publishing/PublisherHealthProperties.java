package io.ticketing.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ticketing.health.*}: when the publisher counts as too far behind.
 *
 * @param maxPublisherLag how old the oldest event not yet sent to Kafka may be before health is DOWN (default 60 s).
 *                        A publisher that is alive but stuck (its event store reader died, Kafka refuses it) lets
 *                        this age grow while the read models and the reservation process see nothing new.
 */
@Validated
@ConfigurationProperties("ticketing.health")
public record PublisherHealthProperties(@DefaultValue("60s") @DurationMin(millis = 1) Duration maxPublisherLag) {
}
