package io.ticketing.query.projection.application;

import io.ticketing.infra.kafka.EventTopicProperties;
import io.ticketing.infra.web.ProblemException;
import io.ticketing.projections.ProjectionNames;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each projection stands (events applied, events behind the topic's end, replay progress) and
 * rebuilding one from the start of the event topic, which holds every event of the event store: the
 * projection's reset handler clears its tables, then its processor reads everything again.
 */
@Service
public class ProjectionAdmin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    private final EventProcessingConfiguration processing;
    private final AdminClient kafka;
    private final String topic;

    public ProjectionAdmin(EventProcessingConfiguration processing, KafkaAdmin kafkaAdmin, EventTopicProperties topic) {
        this.processing = processing;
        this.kafka = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.topic = topic.name();
    }

    public enum Status { LIVE, REPLAYING }

    public record ProjectionStatus(String name, Status status, long position, long lagEvents, Double replayProgress) {
    }

    public List<ProjectionStatus> statuses() {
        long end = topicEnd();
        return ProjectionNames.ALL.stream().map(name -> status(name, end)).toList();
    }

    public ProjectionStatus status(String name) {
        return status(name, topicEnd());
    }

    public void replay(String name) {
        TrackingEventProcessor processor = processor(name);
        log.info("Replaying projection {} from the start of {}", name, topic);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    public boolean isReplaying(String name) {
        return processor(name).isReplaying();
    }

    private ProjectionStatus status(String name, long topicEnd) {
        TrackingEventProcessor processor = processor(name);
        TrackingToken token = processor.processingStatus().values().stream().findFirst()
                .map(EventTrackerStatus::getTrackingToken).orElse(null);
        long position = applied(token);
        Double progress = null;
        boolean replaying = token instanceof ReplayToken;
        if (replaying) {
            long target = applied(((ReplayToken) token).getTokenAtReset());
            progress = target == 0 ? 1.0 : Math.min(1.0, (double) position / target);
        }
        return new ProjectionStatus(name, replaying ? Status.REPLAYING : Status.LIVE, position,
                Math.max(0, topicEnd - position), progress);
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
