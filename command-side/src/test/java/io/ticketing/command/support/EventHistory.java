package io.ticketing.command.support;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The event store's whole history in append order, as the tests check it. */
public final class EventHistory {
    private EventHistory() {
    }

    public static List<Object> payloads(EventStore eventStore) {
        List<Object> payloads = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)) {
                payloads.add(stream.nextAvailable().getPayload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return payloads;
    }

    public static <T> List<T> of(EventStore eventStore, Class<T> type) {
        return payloads(eventStore).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
