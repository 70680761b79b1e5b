package io.ticketing.projections.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize      events applied per transaction (one token update per batch)
 * @param bufferCapacity records fetched from Kafka ahead of the processor
 */
@Validated
@ConfigurationProperties("ticketing.projections")
public record ProjectionProperties(@Min(1) int batchSize, @Min(1) int bufferCapacity) {
    public ProjectionProperties {
        if (batchSize == 0) {
            batchSize = 200;
        }
        if (bufferCapacity == 0) {
            bufferCapacity = 10_000;
        }
    }
}
