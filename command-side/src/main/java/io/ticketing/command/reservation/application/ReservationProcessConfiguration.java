package io.ticketing.command.reservation.application;

import io.ticketing.infra.kafka.EventTopicProperties;
import io.ticketing.infra.kafka.EventTopicSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The reservation process reads the event topic like the projections do ({@link EventTopicSource}); its
 * tracking processor, whose token lives in the event-store database's token_entry, is registered with the
 * others in {@code config.EventProcessorsConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ReservationProcessConfiguration {

    @Bean
    public static ReservationProcess reservationProcess(CommandGateway commandGateway) {
        return new ReservationProcess(commandGateway);
    }

    @Bean(destroyMethod = "shutdown")
    public static Fetcher<String, byte[], KafkaEventMessage> reservationProcessFetcher() {
        return EventTopicSource.fetcher(500);
    }

    @Bean
    public static StreamableKafkaMessageSource<String, byte[]> reservationProcessSource(
            KafkaProperties kafka, EventTopicProperties topic, KafkaMessageConverter<String, byte[]> converter,
            @Qualifier("eventSerializer") Serializer serializer,
            @Qualifier("reservationProcessFetcher") Fetcher<String, byte[], KafkaEventMessage> fetcher) {
        return EventTopicSource.fifo(kafka, topic, converter, serializer, fetcher, 10_000,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "ticketing-reservation-process"));
    }
}
