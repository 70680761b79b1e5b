package io.ticketing.command.publishing;

import io.ticketing.infra.kafka.EventTopicProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The publisher: one idempotent producer and the handler that forwards every stored event to the topic. Its
 * processor is registered with the others in {@code config.EventProcessorsConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> eventProducer(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties(null);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Idempotence keeps each partition in send order across retries, with up to 5 batches in flight.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ticketing-event-publisher");
        return new KafkaProducer<>(config);
    }

    @Bean
    public KafkaEventForwarder kafkaEventForwarder(Producer<String, byte[]> eventProducer,
                                                   KafkaMessageConverter<String, byte[]> converter,
                                                   EventTopicProperties topic, PublishingProperties publishing) {
        return new KafkaEventForwarder(eventProducer, converter, topic.name(), publishing.ackTimeoutMillis());
    }
}
