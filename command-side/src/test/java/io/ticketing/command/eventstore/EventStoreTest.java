package io.ticketing.command.eventstore;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.command.seat.domain.Seat;
import io.ticketing.command.support.CommandSideTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store on the real MariaDB: append, load an aggregate, stream from a token. */
@CommandSideTest
class EventStoreTest {
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    Repository<Seat> seats;
    @Autowired
    JdbcTemplate jdbc;

    private ScheduleId createConcert(int rows, int seatsPerRow) {
        ScheduleId schedule = ScheduleId.random();
        commands.sendAndWait(new CreateConcert(ConcertId.random(), "Test", "Hall",
                List.of(new ScheduleDetails(schedule, Instant.parse("2026-12-24T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"))),
                List.of(new SectionDetails("A", "R", new Money(1000, "KRW"), rows, seatsPerRow))));
        return schedule;
    }

    @Test
    void appendedEventsLoadBackIntoTheAggregate() throws Exception {
        ScheduleId schedule = createConcert(1, 3);
        SeatId seatId = SeatId.of(schedule, "A-1-2");

        List<? extends DomainEventMessage<?>> history = eventStore.readEvents(seatId.toString()).asStream().toList();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getPayload()).isEqualTo(new SeatCreated(seatId, ((SeatCreated) history.get(0).getPayload()).concertId(), "R", new Money(1000, "KRW")));
        assertThat(history.get(0).getSequenceNumber()).isZero();
        assertThat(history.get(0).getType()).isEqualTo("Seat");

        AtomicReference<Seat> loaded = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            try {
                seats.load(seatId.toString()).execute(loaded::set);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(loaded.get().seatId()).isEqualTo(seatId);
        assertThat(loaded.get().price()).isEqualTo(new Money(1000, "KRW"));
    }

    @Test
    void globalIndexIsGapFreeInInsertionOrderForOneWriter() {
        Long first = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        createConcert(2, 10);
        List<Long> indexes = jdbc.queryForList(
                "select global_index from domain_event_entry where global_index > ? order by global_index", Long.class, first);
        assertThat(indexes).hasSize(21);
        for (int i = 1; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).isEqualTo(indexes.get(i - 1) + 1);
        }
    }

    @Test
    void streamingFromATokenYieldsExactlyTheLaterEvents() throws Exception {
        createConcert(1, 2);
        TrackingToken head;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            TrackedEventMessage<?> last = null;
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                last = stream.nextAvailable();
            }
            assertThat(last).isNotNull();
            head = last.trackingToken();
        }
        ScheduleId later = createConcert(1, 4);

        List<Object> after = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(head)) {
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                after.add(stream.nextAvailable().getPayload());
            }
        }
        assertThat(after).hasSize(5);
        assertThat(after.subList(1, 5)).allSatisfy(p ->
                assertThat(((SeatCreated) p).seatId().scheduleId()).isEqualTo(later));
    }

    @Test
    void largePayloadsAndTimestampsRoundTrip() {
        String aggregateId = "large-" + System.nanoTime();
        String payload = "x".repeat(300 * 1024); // more than a plain BLOB's 64 KiB
        // Axon writes event timestamps with millisecond precision.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        GenericDomainEventMessage<String> event = new GenericDomainEventMessage<>("Test", aggregateId, 0, payload,
                org.axonframework.messaging.MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), at);
        DefaultUnitOfWork.startAndGet(null).execute(() -> storageEngine.appendEvents(event));

        DomainEventMessage<?> read = storageEngine.readEvents(aggregateId).next();
        assertThat(read.getPayload()).isEqualTo(payload);
        assertThat(read.getTimestamp()).isEqualTo(at);
    }
}
