package io.ticketing.infra.kafka;

import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands Kafka records to the event processor in exactly the order the consumer fetched them.
 *
 * <p>axon-kafka's default {@code SortedKafkaMessageBuffer} re-sorts records by timestamp in a
 * {@code ConcurrentSkipListSet}; two records that compare equal are silently dropped, which lost
 * events in a spike on this stack (docs/design.md, trap 5). The fetcher already delivers each partition in
 * offset order, and the tracking token records a position per partition, so plain FIFO order is
 * both correct and complete.
 */
public class FifoKafkaMessageBuffer implements Buffer<KafkaEventMessage> {
    private final LinkedBlockingQueue<KafkaEventMessage> queue;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public FifoKafkaMessageBuffer(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void put(KafkaEventMessage message) throws InterruptedException {
        queue.put(message);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> messages) throws InterruptedException {
        for (KafkaEventMessage message : messages) {
            queue.put(message);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        KafkaEventMessage message = queue.poll(timeout, unit);
        if (message == null) {
            throwIfFailed();
        }
        return message;
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        throwIfFailed();
        return queue.take();
    }

    @Override
    public KafkaEventMessage peek() {
        KafkaEventMessage message = queue.peek();
        if (message == null) {
            throwIfFailed();
        }
        return message;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    @Override
    public void clear() {
        queue.clear();
    }

    /** The fetcher failed: the processor sees the failure once the records fetched before it are consumed. */
    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
    }

    private void throwIfFailed() {
        RuntimeException e = failure.getAndSet(null);
        if (e != null) {
            throw e;
        }
    }
}
