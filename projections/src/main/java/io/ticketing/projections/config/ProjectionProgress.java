package io.ticketing.projections.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per projection, when the newest event it has applied was stored, so that lag can be told in
 * seconds as well as in events. Recorded after the projection's transaction commits.
 */
@Component
public class ProjectionProgress {
    private final Map<String, Instant> lastApplied = new ConcurrentHashMap<>();

    public Optional<Instant> lastAppliedEventTime(String projection) {
        return Optional.ofNullable(lastApplied.get(projection));
    }

    MessageHandlerInterceptor<EventMessage<?>> recorderFor(String projection) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                 InterceptorChain interceptorChain) throws Exception {
                Instant stored = unitOfWork.getMessage().getTimestamp();
                unitOfWork.afterCommit(u -> lastApplied.merge(projection, stored, (a, b) -> a.isAfter(b) ? a : b));
                return interceptorChain.proceed();
            }
        };
    }
}
