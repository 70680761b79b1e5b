package io.ticketing.command.reservation.application;

import io.ticketing.infra.kafka.EventTopicProperties;
import io.ticketing.infra.kafka.FifoKafkaMessageBuffer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The reservation process reads the event topic like the projections do: a streamable Kafka source in FIFO
 * order (docs/design.md, trap 5), one single-segment tracking processor whose token (offsets per partition) lives
 * in the event-store database's token_entry. Errors propagate, so a failed confirmation is retried, never skipped.
 */
@Configuration(proxyBeanMethods = false)
public class ReservationProcessConfiguration {

    @Bean
    public static ReservationProcess reservationProcess(CommandGateway commandGateway) {
        return new ReservationProcess(commandGateway);
    }

    @Bean(destroyMethod = "shutdown")
    public static Fetcher<String, byte[], KafkaEventMessage> reservationProcessFetcher() {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(500).build();
    }

    @Bean
    public static StreamableKafkaMessageSource<String, byte[]> reservationProcessSource(
            KafkaProperties kafka, EventTopicProperties topic, KafkaMessageConverter<String, byte[]> converter,
            @Qualifier("eventSerializer") Serializer serializer,
            @Qualifier("reservationProcessFetcher") Fetcher<String, byte[], KafkaEventMessage> fetcher) {
        Map<String, Object> config = kafka.buildConsumerProperties(null);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ticketing-reservation-process");
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic.name()))
                .consumerFactory(new DefaultConsumerFactory<>(config))
                .fetcher(fetcher)
                .messageConverter(converter)
                .serializer(serializer)
                .bufferFactory(() -> new FifoKafkaMessageBuffer(10_000))
                .build();
    }

    @Autowired
    public void configureReservationProcess(EventProcessingConfigurer processing,
                                            StreamableKafkaMessageSource<String, byte[]> reservationProcessSource) {
        processing.registerTrackingEventProcessor(ReservationProcess.PROCESSING_GROUP, c -> reservationProcessSource,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                .registerListenerInvocationErrorHandler(ReservationProcess.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
