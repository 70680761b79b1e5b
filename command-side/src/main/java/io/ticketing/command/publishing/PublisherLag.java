package io.ticketing.command.publishing;

import io.ticketing.infra.eventstore.EventStoreSchemas;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far the Kafka publisher is behind the event store: the publisher's position (the global index of the
 * last event it sent, from Axon's processor status) against the store's head, and the age of the oldest event
 * it has not sent yet. Two primary-key lookups; nothing is read when this instance does not own the
 * publisher's segment (another instance publishes then, and reports it).
 */
public class PublisherLag {
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String headSql;
    private final String oldestUnsentSql;

    public PublisherLag(EventProcessingConfiguration processing, DataSource dataSource, Clock clock) {
        this.processing = processing;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        EventSchema schema = EventStoreSchemas.events();
        this.headSql = "SELECT MAX(" + schema.globalIndexColumn() + ") FROM " + schema.domainEventTable();
        this.oldestUnsentSql = "SELECT " + schema.timestampColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ? ORDER BY " + schema.globalIndexColumn() + " LIMIT 1";
    }

    /**
     * @param position    global index of the last event sent (-1: none yet)
     * @param head        global index of the newest stored event (-1: the store is empty)
     * @param oldestUnsentAge how long the oldest unsent event has waited (zero when none waits)
     */
    public record Lag(long position, long head, Duration oldestUnsentAge) {
        public long events() {
            return Math.max(0, head - position);
        }
    }

    /** Empty when this instance does not process the publisher's segment. */
    public Optional<Lag> measure() {
        Optional<StreamingEventProcessor> publisher =
                processing.eventProcessor(KafkaEventForwarder.PROCESSING_GROUP, StreamingEventProcessor.class);
        Optional<EventTrackerStatus> status = publisher.flatMap(p -> p.processingStatus().values().stream().findFirst());
        if (status.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong current = status.get().getCurrentPosition();
        long position = current.isPresent() ? current.getAsLong() : -1;
        Long head = jdbc.queryForObject(headSql, Long.class);
        long headIndex = head == null ? -1 : head;
        Duration age = Duration.ZERO;
        if (headIndex > position) {
            List<String> stamps = jdbc.queryForList(oldestUnsentSql, String.class, position);
            if (!stamps.isEmpty()) {
                age = Duration.between(Instant.parse(stamps.get(0)), clock.instant());
                age = age.isNegative() ? Duration.ZERO : age;
            }
        }
        return Optional.of(new Lag(position, headIndex, age));
    }
}
