package io.ticketing.command.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards every event of the event store to the Kafka topic, keyed by aggregate id.
 *
 * <p>Runs in a single-segment tracking processor: events are sent in event-store order, asynchronously
 * for a whole batch, and the batch's unit of work waits for every acknowledgement before it commits, so
 * the processor's token never moves past an event Kafka has not acknowledged. A failure rolls the batch
 * back and the processor sends it again (at least once; the projections ignore what they have seen).
 * axon-kafka's own publisher waits for each record in turn (docs/design.md, trap 7).
 */
@ProcessingGroup(KafkaEventForwarder.PROCESSING_GROUP)
public class KafkaEventForwarder {
    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaEventForwarder.class.getName() + ".pending";

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final long ackTimeoutMillis;

    public KafkaEventForwarder(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter,
                               String topic, long ackTimeoutMillis) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    public void forward(EventMessage<?> event, UnitOfWork<?> unitOfWork) {
        List<Future<RecordMetadata>> pending = unitOfWork.root().getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        });
        pending.add(producer.send(converter.createKafkaMessage(event, topic)));
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventForwardingFailed("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventForwardingFailed("Kafka did not acknowledge " + sends.size() + " events", e);
        }
    }

    /** The batch was not acknowledged; it is rolled back and sent again. */
    public static class EventForwardingFailed extends RuntimeException {
        EventForwardingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
