package io.ticketing.command.publishing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize        events read from the event store and sent per acknowledged batch
 * @param ackTimeoutMillis how long a batch may wait for Kafka before it is rolled back and retried
 */
@Validated
@ConfigurationProperties("ticketing.publishing")
public record PublishingProperties(@Min(1) int batchSize, @Min(100) long ackTimeoutMillis) {
    public PublishingProperties {
        if (batchSize == 0) {
            batchSize = 500;
        }
        if (ackTimeoutMillis == 0) {
            ackTimeoutMillis = 30_000;
        }
    }
}
