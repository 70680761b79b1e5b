package io.ticketing.infra.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The event topic and the record format both sides agree on. The topic is declared as a {@link NewTopic},
 * which Spring's KafkaAdmin creates while the context starts, before any event processor starts
 * (docs/design.md, trap 6). Records are kept forever: the topic is a full copy of the event store, which
 * the projections can be replayed from.
 */
@AutoConfiguration
@ConditionalOnClass(NewTopic.class)
@EnableConfigurationProperties(EventTopicProperties.class)
public class EventTopicAutoConfiguration {

    @Bean
    public NewTopic ticketingEventTopic(EventTopicProperties topic) {
        return TopicBuilder.name(topic.name())
                .partitions(topic.partitions())
                .replicas(topic.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer eventSerializer) {
        // Default sequencing policy: the record key is the aggregate identifier.
        return DefaultKafkaMessageConverter.builder().serializer(eventSerializer).build();
    }
}
