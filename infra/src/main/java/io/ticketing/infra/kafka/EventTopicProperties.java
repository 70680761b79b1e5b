package io.ticketing.infra.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka topic that carries every domain event from the event store to the read side.
 *
 * @param name              topic name
 * @param partitions        partition count when the topic is created (records are keyed by aggregate id,
 *                          so one aggregate's events stay in order in one partition)
 * @param replicationFactor replication factor when the topic is created (1 on one broker)
 */
@Validated
@ConfigurationProperties("ticketing.kafka.topic")
public record EventTopicProperties(@DefaultValue("ticketing.events") @NotBlank String name,
                                   @DefaultValue("3") @Min(1) int partitions,
                                   @DefaultValue("1") @Min(1) short replicationFactor) {
}
