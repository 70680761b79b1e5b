package io.ticketing.command.publishing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize        events read from the event store and sent per acknowledged batch
 * @param ackTimeoutMillis how long a batch may wait for Kafka before it is rolled back and retried
 */
@Validated
@ConfigurationProperties("ticketing.publishing")
public record PublishingProperties(@DefaultValue("500") @Min(1) int batchSize,
                                   @DefaultValue("30000") @Min(100) long ackTimeoutMillis) {
}
