package io.ticketing.query.projection.application;

import io.ticketing.infra.kafka.EventTopicProperties;
import io.ticketing.infra.web.ProblemException;
import io.ticketing.projections.ProjectionNames;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each projection stands (events applied, events behind the topic's end, rebuild progress, parked
 * events), rebuilding one from the start of the event topic (which keeps every event of the event store)
 * while it keeps serving ({@link ProjectionRebuilds}), and retrying events parked in its dead-letter queue.
 */
@Service
public class ProjectionAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilds rebuilds;
    private final AdminClient kafka;
    private final String topic;

    public ProjectionAdmin(EventProcessingConfiguration processing, ProjectionRebuilds rebuilds, KafkaAdmin kafkaAdmin,
                           EventTopicProperties topic) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.kafka = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.topic = topic.name();
    }

    public enum Status { LIVE, REPLAYING }

    /**
     * {@code position}: events the live read model has applied; {@code replayProgress}: 0..1 while a rebuild
     * runs, else null; {@code replayError}: why the last rebuild was abandoned, if it was; {@code deadLetters}:
     * events parked because they could not be applied.
     */
    public record ProjectionStatus(String name, Status status, long position, long lagEvents, Double replayProgress,
                                   Long replayedEvents, String replayError, long deadLetters) {
    }

    public record DeadLetterView(String eventId, String eventType, String aggregateId, Long sequenceNumber,
                                 String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    public record RetryOutcome(int sequencesRetried, int sequencesSucceeded, long deadLettersLeft) {
    }

    public List<ProjectionStatus> statuses() {
        long end = topicEnd();
        return ProjectionNames.ALL.stream().map(name -> status(name, end)).toList();
    }

    public ProjectionStatus status(String name) {
        return status(name, topicEnd());
    }

    public void replay(String name) {
        processor(name);
        log.info("Replay of projection {} requested: rebuilding it from the start of {} while it keeps serving",
                name, topic);
        rebuilds.start(name, topicEnd());
    }

    public boolean isReplaying(String name) {
        processor(name);
        return rebuilds.isRebuilding(name);
    }

    public List<DeadLetterView> deadLetters(String name) {
        processor(name);
        List<DeadLetterView> views = new ArrayList<>();
        deadLetterQueue(name).deadLetters().forEach(sequence -> sequence.forEach(letter -> {
            EventMessage<?> event = letter.message();
            String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            Long sequenceNumber = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
            views.add(new DeadLetterView(event.getIdentifier(), event.getPayloadType().getName(), aggregateId,
                    sequenceNumber, letter.cause().map(Cause::type).orElse(null),
                    letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched()));
        }));
        return views;
    }

    /** Tries every parked sequence once, oldest first; a sequence that fails again stays parked. */
    public RetryOutcome retryDeadLetters(String name) {
        processor(name);
        SequencedDeadLetterProcessor<EventMessage<?>> retrier = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> ProblemException.notFound("Dead-letter queue of projection " + name));
        SequencedDeadLetterQueue<EventMessage<?>> queue = deadLetterQueue(name);
        long sequences = queue.amountOfSequences();
        int retried = 0;
        int succeeded = 0;
        for (long i = 0; i < sequences; i++) {
            retried++;
            if (retrier.process(letter -> true)) {
                succeeded++;
            }
        }
        long left = queue.size();
        log.info("Retried {} parked sequence(s) of projection {}: {} applied, {} event(s) still parked",
                retried, name, succeeded, left);
        return new RetryOutcome(retried, succeeded, left);
    }

    public long deadLetterCount(String name) {
        return processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(String name) {
        return processing.deadLetterQueue(name)
                .orElseThrow(() -> ProblemException.notFound("Dead-letter queue of projection " + name));
    }

    private ProjectionStatus status(String name, long topicEnd) {
        TrackingEventProcessor processor = processor(name);
        TrackingToken token = processor.processingStatus().values().stream().findFirst()
                .map(EventTrackerStatus::getTrackingToken).orElse(null);
        long position = applied(token);
        Optional<ProjectionRebuilds.Progress> rebuild = rebuilds.progress(name);
        long parked = deadLetterCount(name);
        return new ProjectionStatus(name, rebuild.isPresent() ? Status.REPLAYING : Status.LIVE, position,
                Math.max(0, topicEnd - position), rebuild.map(ProjectionRebuilds.Progress::fraction).orElse(null),
                rebuild.map(ProjectionRebuilds.Progress::applied).orElse(null),
                rebuilds.lastFailure(name).orElse(null), parked);
    }

    /** Events applied: a Kafka token holds the offset of the last record applied in each partition. */
    static long applied(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current == null) {
            return 0;
        }
        return KafkaTrackingToken.from(current).getPositions().values().stream().mapToLong(offset -> offset + 1).sum();
    }

    private long topicEnd() {
        try {
            var partitions = kafka.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return kafka.listOffsets(partitions).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ProblemException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                    "urn:ticketing:broker-unavailable", "Broker unavailable",
                    "The event topic's end could not be read from Kafka.", Map.of());
        }
    }

    private TrackingEventProcessor processor(String name) {
        if (!ProjectionNames.ALL.contains(name)) {
            throw ProblemException.notFound("Projection " + name);
        }
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> ProblemException.notFound("Projection " + name));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
