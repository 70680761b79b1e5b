package io.ticketing.infra.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

import java.util.List;
import java.util.Map;

/**
 * The one way a tracking processor reads the event topic (the reservation process on the command side, every
 * projection on the query side): a streamable source in FIFO order, never re-sorted by timestamp (a re-sorting
 * buffer lost events, docs/design.md trap 5), whose position is the processor's token (offsets per partition),
 * never a consumer group's committed offset. Only committed records are read, from the start of the topic.
 */
public final class EventTopicSource {

    /** A fetch is answered once this much is there (about 40 events) ... */
    static final int FETCH_MIN_BYTES = 32 * 1024;
    /** ... or this long after it was asked, whichever comes first: the read models' added delay at low rates. */
    static final int FETCH_MAX_WAIT_MS = 20;

    private EventTopicSource() {
    }

    /** Polls Kafka on its own threads; the bean that holds it must shut it down with its context. */
    public static Fetcher<String, byte[], KafkaEventMessage> fetcher(long pollTimeoutMillis) {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(pollTimeoutMillis).build();
    }

    /**
     * @param consumerDefaults consumer settings that apply unless {@code spring.kafka.consumer.*} sets them (the
     *                         settings that make this source what it is cannot be overridden)
     */
    public static StreamableKafkaMessageSource<String, byte[]> fifo(KafkaProperties kafka, EventTopicProperties topic,
                                                                    KafkaMessageConverter<String, byte[]> converter,
                                                                    Serializer serializer,
                                                                    Fetcher<String, byte[], KafkaEventMessage> fetcher,
                                                                    int bufferCapacity,
                                                                    Map<String, Object> consumerDefaults) {
        Map<String, Object> config = kafka.buildConsumerProperties(null);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerDefaults.forEach(config::putIfAbsent);
        // Deliver records in chunks (up to FETCH_MAX_WAIT late) rather than one fetch per few records: each chunk is
        // one batch of the processor that reads this source, so one read-model transaction and one token update for
        // many events instead of a few (and fewer fetch requests on the broker).
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic.name()))
                .consumerFactory(new DefaultConsumerFactory<>(config))
                .fetcher(fetcher)
                .messageConverter(converter)
                .serializer(serializer)
                .bufferFactory(() -> new FifoKafkaMessageBuffer(bufferCapacity))
                .build();
    }
}
