package io.ticketing.projections.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize      events applied per transaction (one token update per batch)
 * @param bufferCapacity records fetched from Kafka ahead of the processor
 */
@Validated
@ConfigurationProperties("ticketing.projections")
public record ProjectionProperties(@DefaultValue("200") @Min(1) int batchSize,
                                   @DefaultValue("10000") @Min(1) int bufferCapacity) {
}
