package io.ticketing.projections.config;

import io.ticketing.infra.kafka.EventTopicProperties;
import io.ticketing.infra.kafka.EventTopicSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import java.util.Map;

/**
 * Feeds every projection from the Kafka topic: a streamable Kafka source read in FIFO order (never
 * re-sorted, docs/design.md trap 5), one single-segment tracking processor per projection, and their tokens
 * (offsets per partition) in the read side's database, stored in the same transaction as the rows.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.ticketing.projections")
@EntityScan(basePackages = "io.ticketing.projections", basePackageClasses = {org.axonframework.eventhandling.tokenstore.jpa.TokenEntry.class,
        org.axonframework.eventhandling.deadletter.jpa.DeadLetterEntry.class})
@EnableJpaRepositories("io.ticketing.projections")
@EnableConfigurationProperties(ProjectionProperties.class)
@Import(ProjectionProcessorsConfiguration.class)
public class ProjectionsConfiguration {

    /** The read side appends no events: a plain bus keeps Axon from setting up an event store in the read database. */
    @Bean
    public EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    @Bean
    public TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer).build();
    }

    /** Polls Kafka on its own threads; shut down with the context so no consumer outlives it. */
    @Bean(destroyMethod = "shutdown")
    public Fetcher<String, byte[], KafkaEventMessage> projectionFetcher() {
        return EventTopicSource.fetcher(1000);
    }

    @Bean
    public StreamableKafkaMessageSource<String, byte[]> projectionSource(KafkaProperties kafka, EventTopicProperties topic,
                                                                          KafkaMessageConverter<String, byte[]> converter,
                                                                          Serializer serializer,
                                                                          Fetcher<String, byte[], KafkaEventMessage> projectionFetcher,
                                                                          ProjectionProperties projections) {
        return EventTopicSource.fifo(kafka, topic, converter, serializer, projectionFetcher, projections.bufferCapacity(),
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
    }
}
