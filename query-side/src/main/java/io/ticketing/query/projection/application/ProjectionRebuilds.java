package io.ticketing.query.projection.application;

import io.ticketing.infra.health.DeliberatePauses;
import io.ticketing.infra.web.ProblemException;
import io.ticketing.projections.config.ProjectionProperties;
import io.ticketing.projections.readmodel.BatchedStatements;
import io.ticketing.projections.readmodel.ReadModelDataSource;
import io.ticketing.projections.readmodel.ReadModelTables;
import io.ticketing.projections.readmodel.ShadowScope;
import io.ticketing.projections.readmodel.ShadowTables;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds a projection without taking it offline. A second tracking processor runs the projection's
 * own handlers from the start of the event topic on threads whose connections point at shadow copies of
 * the projection's tables ({@link ShadowScope}); the live processor and the queries go on as before.
 * When the rebuild has caught up with the live processor, the live one pauses, the rebuild applies the
 * last few events up to (at least) the live position, the shadow tables replace the live ones in one
 * atomic RENAME, the live processor's token moves to the rebuild's position and it resumes. Queries never
 * see an empty or half-built read model; the live projection pauses for about one batch.
 * <p>
 * Events of aggregates the live projection had parked in its dead-letter queue when the rebuild began are
 * left out of the rebuild as well (with
 * the later events of their aggregate, as the live side does), so the rebuilt model equals the live one;
 * any other event that cannot be applied abandons the rebuild. The rebuild's position is kept in memory: a crash of the query side abandons it (the live read model is
 * untouched) and it can be started again.
 */
@Service
public class ProjectionRebuilds implements DisposableBean, DeliberatePauses {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);
    private static final int REBUILD_BATCH_SIZE = 1000;

    private final ApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final StreamableKafkaMessageSource<String, byte[]> source;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final ShadowTables shadowTables;
    private final ProjectionProperties properties;
    private final JdbcTemplate liveJdbc;
    private final BatchedStatements batched;
    private final Map<String, Rebuild> running = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(monitorThread());

    public ProjectionRebuilds(ApplicationContext context, EventProcessingConfiguration processing,
                              StreamableKafkaMessageSource<String, byte[]> projectionSource, TokenStore tokenStore,
                              TransactionManager transactionManager, ShadowTables shadowTables,
                              ProjectionProperties properties, ReadModelDataSource dataSource,
                              BatchedStatements batched) {
        this.batched = batched;
        this.liveJdbc = new JdbcTemplate(dataSource);
        this.context = context;
        this.processing = processing;
        this.source = projectionSource;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.shadowTables = shadowTables;
        this.properties = properties;
        monitor.scheduleWithFixedDelay(this::advanceAll, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** How far a running rebuild is: events applied into the shadow tables against the topic's end when it began. */
    public record Progress(long applied, long target, double fraction, String phase) {
    }

    public synchronized void start(String name, long topicEndAtStart) {
        if (running.containsKey(name)) {
            throw new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:replay-in-progress", "Replay in progress",
                    "Projection " + name + " is already being rebuilt.", Map.of("projection", name));
        }
        List<Object> handlers = handlersOf(name);
        List<String> tables = tablesOf(name, handlers);
        shadowTables.prepare(tables);
        AtomicReference<Exception> failure = new AtomicReference<>();
        // Read now, from the live database: the rebuild's own connections point at the shadow one.
        java.util.Set<Object> parked = new java.util.HashSet<>(liveJdbc.queryForList(
                "SELECT DISTINCT sequence_identifier FROM dead_letter_entry WHERE processing_group = ?", String.class, name));
        SimpleEventHandlerInvoker.Builder<?> handling = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .listenerInvocationErrorHandler((exception, event, handler) -> {
                    if (parked.contains(sequenceOf(event))) {
                        // The live projection parked this aggregate's events too: leave them out, as it does.
                        log.info("Rebuild of {} leaves out event {} of {}: it is parked in the live projection's "
                                + "dead-letter queue", name, event.getIdentifier(), sequenceOf(event));
                        return;
                    }
                    failure.compareAndSet(null, exception);
                    throw exception;
                });
        SimpleEventHandlerInvoker invoker = new RebuildInvoker(handling, parked, batched);
        String rebuildName = name + "-rebuild";
        InMemoryTokenStore rebuildTokens = new InMemoryTokenStore();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(rebuildName)
                .eventHandlerInvoker(invoker)
                .messageSource(source)
                .tokenStore(rebuildTokens)
                .transactionManager(transactionManager)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(Math.max(REBUILD_BATCH_SIZE, properties.batchSize()))
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andThreadFactory(n -> ShadowScope.threadFactory("rebuild-" + name)))
                .build();
        lastFailure.remove(name);
        Rebuild rebuild = new Rebuild(name, tables, processor, rebuildTokens, rebuildName, failure, topicEndAtStart);
        running.put(name, rebuild);
        log.info("Rebuilding projection {} into shadow tables {} from the start of the topic ({} events to catch up)",
                name, tables, topicEndAtStart);
        processor.start();
    }

    /**
     * The rebuild's handlers. An event of an aggregate the live projection parked is handled with its writes sent
     * at once: if it fails, it fails in its handler and is left out, instead of failing the flush of its whole
     * batch, which the processor would then retry a second later event by event (one batch per second while
     * the history holds many such events).
     */
    private static final class RebuildInvoker extends SimpleEventHandlerInvoker {
        private final java.util.Set<Object> parked;
        private final BatchedStatements batched;

        RebuildInvoker(SimpleEventHandlerInvoker.Builder<?> builder, java.util.Set<Object> parked, BatchedStatements batched) {
            super(builder);
            this.parked = parked;
            this.batched = batched;
        }

        @Override
        public void handle(EventMessage<?> message, org.axonframework.eventhandling.Segment segment) throws Exception {
            if (!parked.isEmpty() && parked.contains(sequenceOf(message))) {
                batched.direct(() -> {
                    super.handle(message, segment);
                    return null;
                });
            } else {
                super.handle(message, segment);
            }
        }
    }

    private static Object sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    public Optional<Progress> progress(String name) {
        Rebuild rebuild = running.get(name);
        if (rebuild == null) {
            return Optional.empty();
        }
        long applied = applied(rebuild.position());
        long target = Math.max(rebuild.target, applied(livePosition(name)));
        double fraction = target == 0 ? 1.0 : Math.min(1.0, (double) applied / target);
        return Optional.of(new Progress(applied, target, fraction, rebuild.phase.name()));
    }

    public boolean isRebuilding(String name) {
        return running.containsKey(name);
    }

    /**
     * Whether a rebuild holds the live processor of {@code name} still on purpose (its last batch before the swap,
     * about one batch long): health reports it as paused, not DOWN, so a rebuild does not get the instance
     * pulled from its load balancer or restarted.
     */
    @Override
    public boolean pausedOnPurpose(String name) {
        Rebuild rebuild = running.get(name);
        return rebuild != null && rebuild.holdingLiveStill;
    }

    public Optional<String> lastFailure(String name) {
        return Optional.ofNullable(lastFailure.get(name));
    }

    private void advanceAll() {
        for (Rebuild rebuild : running.values()) {
            try {
                advance(rebuild);
            } catch (RuntimeException e) {
                abandon(rebuild, e.toString());
            }
        }
    }

    private void advance(Rebuild rebuild) {
        Exception failure = rebuild.failure.get();
        if (failure != null) {
            abandon(rebuild, "an event could not be applied: " + failure);
            return;
        }
        logProgress(rebuild);
        TrackingEventProcessor live = liveProcessor(rebuild.name);
        switch (rebuild.phase) {
            case CATCHING_UP -> {
                if (covers(rebuild.position(), livePosition(rebuild.name))) {
                    // Close enough: hold the live processor still so its position becomes a fixed target.
                    rebuild.holdingLiveStill = true;
                    live.shutDown();
                    rebuild.liveTokenAtPause = transactionManager.fetchInTransaction(
                            () -> tokenStore.fetchToken(rebuild.name, 0));
                    rebuild.phase = Phase.FINISHING;
                }
            }
            case FINISHING -> {
                if (covers(rebuild.position(), rebuild.liveTokenAtPause)) {
                    rebuild.processor.shutDown();
                    TrackingToken rebuilt = rebuild.tokens.fetchToken(rebuild.rebuildName, 0);
                    shadowTables.swap(rebuild.tables);
                    transactionManager.executeInTransaction(() -> {
                        tokenStore.storeToken(unwrap(rebuilt), rebuild.name, 0);
                        tokenStore.releaseClaim(rebuild.name, 0);
                    });
                    // Started before the rebuild is forgotten: health never sees it stopped and not held on purpose.
                    live.start();
                    running.remove(rebuild.name);
                    Duration took = Duration.between(rebuild.startedAt, Instant.now());
                    long events = applied(rebuilt);
                    log.info("Projection {} rebuilt: {} events in {} ms ({} events/s); live again from the rebuilt position",
                            rebuild.name, events, took.toMillis(),
                            took.isZero() ? events : events * 1000 / Math.max(1, took.toMillis()));
                }
            }
        }
    }

    private void abandon(Rebuild rebuild, String why) {
        log.error("Rebuild of projection {} abandoned, the live read model is unchanged: {}", rebuild.name, why);
        lastFailure.put(rebuild.name, why);
        try {
            rebuild.processor.shutDown();
            shadowTables.drop(rebuild.tables);
        } finally {
            try {
                TrackingEventProcessor live = liveProcessor(rebuild.name);
                if (!live.isRunning()) {
                    live.start();
                }
            } finally {
                running.remove(rebuild.name);
            }
        }
    }

    private void logProgress(Rebuild rebuild) {
        Instant now = Instant.now();
        if (Duration.between(rebuild.lastLogged, now).compareTo(PROGRESS_LOG_INTERVAL) >= 0) {
            rebuild.lastLogged = now;
            progress(rebuild.name).ifPresent(p -> log.info("Rebuilding projection {}: {} of {} events ({}%), {}",
                    rebuild.name, p.applied(), p.target(), Math.round(p.fraction() * 1000) / 10.0, p.phase()));
        }
    }

    private TrackingToken livePosition(String name) {
        return liveProcessor(name).processingStatus().values().stream().findFirst()
                .map(EventTrackerStatus::getTrackingToken).orElse(null);
    }

    private TrackingEventProcessor liveProcessor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> ProblemException.notFound("Projection " + name));
    }

    private List<Object> handlersOf(String name) {
        List<Object> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> name.equals(AopUtils.getTargetClass(bean).getAnnotation(ProcessingGroup.class).value()))
                .toList();
        if (handlers.isEmpty()) {
            throw ProblemException.notFound("Projection " + name);
        }
        return handlers;
    }

    private static List<String> tablesOf(String name, List<Object> handlers) {
        List<String> tables = handlers.stream()
                .map(bean -> AopUtils.getTargetClass(bean).getAnnotation(ReadModelTables.class))
                .filter(java.util.Objects::nonNull)
                .flatMap(annotation -> java.util.Arrays.stream(annotation.value()))
                .distinct().toList();
        if (tables.isEmpty()) {
            throw new IllegalStateException("projection " + name + " declares no @ReadModelTables");
        }
        return tables;
    }

    /** Whether {@code position} has applied at least everything {@code target} has, partition by partition. */
    static boolean covers(TrackingToken position, TrackingToken target) {
        Map<TopicPartition, Long> targets = offsets(target);
        if (targets.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> positions = offsets(position);
        return targets.entrySet().stream()
                .allMatch(t -> positions.getOrDefault(t.getKey(), -1L) >= t.getValue());
    }

    static long applied(TrackingToken token) {
        return offsets(token).values().stream().mapToLong(offset -> offset + 1).sum();
    }

    private static Map<TopicPartition, Long> offsets(TrackingToken token) {
        TrackingToken current = unwrap(token);
        if (current == null) {
            return Map.of();
        }
        return KafkaTrackingToken.from(current).getPositions();
    }

    private static TrackingToken unwrap(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private static CustomizableThreadFactory monitorThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("projection-rebuild-monitor-");
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        monitor.shutdownNow();
        running.values().forEach(rebuild -> rebuild.processor.shutDown());
    }

    private enum Phase { CATCHING_UP, FINISHING }

    private static final class Rebuild {
        final String name;
        final List<String> tables;
        final TrackingEventProcessor processor;
        final InMemoryTokenStore tokens;
        final String rebuildName;
        final AtomicReference<Exception> failure;
        final long target;
        final Instant startedAt = Instant.now();
        volatile Phase phase = Phase.CATCHING_UP;
        volatile boolean holdingLiveStill;
        volatile TrackingToken liveTokenAtPause;
        volatile Instant lastLogged = Instant.now();

        Rebuild(String name, List<String> tables, TrackingEventProcessor processor, InMemoryTokenStore tokens,
                String rebuildName, AtomicReference<Exception> failure, long target) {
            this.name = name;
            this.tables = tables;
            this.processor = processor;
            this.tokens = tokens;
            this.rebuildName = rebuildName;
            this.failure = failure;
            this.target = target;
        }

        TrackingToken position() {
            return processor.processingStatus().values().stream().findFirst()
                    .map(EventTrackerStatus::getTrackingToken).orElse(null);
        }
    }
}
