package io.ticketing.projections.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per projection, when the newest event it has applied was stored, so that lag can be told in
 * seconds as well as in events, and how long each event took from its append to the read model
 * ({@code ticketing_projection_apply_delay_seconds}, a histogram: p50/p99 with histogram_quantile). Recorded after the
 * projection's transaction commits.
 */
@Component
public class ProjectionProgress {
    private final Map<String, Instant> lastApplied = new ConcurrentHashMap<>();
    private final Map<String, Timer> applyDelay = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public ProjectionProgress(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    public Optional<Instant> lastAppliedEventTime(String projection) {
        return Optional.ofNullable(lastApplied.get(projection));
    }

    /** Append-to-read-model delay: from the event's store timestamp to the commit of the row it produced. */
    private Timer delayTimer(String projection) {
        return applyDelay.computeIfAbsent(projection, name -> Timer.builder("ticketing.projection.apply.delay")
                .description("Time from an event's append to the commit of the read model it changed")
                .tag("projection", name)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters));
    }

    MessageHandlerInterceptor<EventMessage<?>> recorderFor(String projection) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                 InterceptorChain interceptorChain) throws Exception {
                Instant stored = unitOfWork.getMessage().getTimestamp();
                unitOfWork.afterCommit(u -> {
                    lastApplied.merge(projection, stored, (a, b) -> a.isAfter(b) ? a : b);
                    delayTimer(projection).record(Duration.between(stored, Instant.now()));
                });
                return interceptorChain.proceed();
            }
        };
    }
}
