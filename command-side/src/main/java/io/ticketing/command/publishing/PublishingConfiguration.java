package io.ticketing.command.publishing;

import io.ticketing.infra.kafka.EventTopicProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The publisher's processor is configured in code: settings given only as properties were ignored in
 * a spike (docs/design.md, trap 6). It starts at the tail of the event store, so events stored before it first
 * ran are published too (trap 7), and errors propagate so a failed send is retried rather than skipped.
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

    @Autowired
    public void configurePublisherProcessor(EventProcessingConfigurer processing, PublishingProperties publishing) {
        processing.registerTrackingEventProcessor(KafkaEventForwarder.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(publishing.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(KafkaEventForwarder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
