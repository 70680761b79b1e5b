package io.ticketing.command.overload.application;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.LifoBlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The bound on in-flight command work (holds and payment orders; releases are never limited): Netflix concurrency-limits' adaptive
 * limit, which lowers the number of concurrent commands when their latency rises above what it measured unloaded,
 * behind a short LIFO backlog (the newest waiter is the one whose client most likely still waits). A request that
 * finds no slot within {@code max-wait} is shed. Meters: {@code ticketing_overload_inflight},
 * {@code ticketing_overload_limit}, {@code ticketing_overload_shed_total}, {@code ticketing_overload_accepted_total},
 * {@code ticketing_overload_slow_total}.
 */
public class CommandLimiter implements OverloadSignals {
    private final Limiter<Void> limiter;
    private final SimpleLimiter<Void> slots;
    private final LongSupplier nanoClock;
    private final long slowNanos;
    private final AtomicInteger inflight = new AtomicInteger();
    /** Requests inside {@link #tryAcquire()}: asking for a slot, or waiting in the backlog for one. */
    private final AtomicInteger asking = new AtomicInteger();
    private final int backlog;
    private final Counter shed;
    private final Counter accepted;
    private final Counter slow;

    public CommandLimiter(OverloadProperties properties, MeterRegistry registry) {
        this(properties, registry, System::nanoTime);
    }

    CommandLimiter(OverloadProperties properties, MeterRegistry registry, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.slowNanos = properties.latencyTarget().toNanos();
        this.backlog = properties.backlog() == 0 || properties.maxWait().isZero() ? 0 : properties.backlog();
        this.slots = SimpleLimiter.newBuilder().named("command").limit(limit(properties)).nanoClock(nanoClock).build();
        this.limiter = properties.backlog() == 0 || properties.maxWait().isZero() ? slots
                : LifoBlockingLimiter.newBuilder(slots).backlogSize(properties.backlog())
                        .backlogTimeoutMillis(properties.maxWait().toMillis()).build();
        Gauge.builder("ticketing.overload.inflight", inflight, AtomicInteger::get)
                .description("Command requests (holds, payment orders) being worked on").register(registry);
        Gauge.builder("ticketing.overload.limit", slots, SimpleLimiter::getLimit)
                .description("The current bound on in-flight command requests").register(registry);
        this.shed = Counter.builder("ticketing.overload.shed")
                .description("Command requests refused with 503 urn:ticketing:overloaded").register(registry);
        this.accepted = Counter.builder("ticketing.overload.accepted")
                .description("Command requests that got a slot and were answered").register(registry);
        this.slow = Counter.builder("ticketing.overload.slow")
                .description("Accepted command requests answered later than ticketing.overload.latency-target").register(registry);
    }

    private static Limit limit(OverloadProperties p) {
        return switch (p.limit()) {
            case "fixed" -> FixedLimit.of(p.maxLimit());
            // Grows while requests come back within the latency target, shrinks when one does not (or is dropped):
            // it reacts to the budget the issue sets, not to latency rising over an unloaded minimum.
            case "aimd" -> AIMDLimit.newBuilder().initialLimit(p.initialLimit()).minLimit(p.minLimit()).maxLimit(p.maxLimit())
                    .timeout(p.latencyTarget().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS).build();
            case "vegas" -> VegasLimit.newBuilder().initialLimit(p.initialLimit()).maxConcurrency(p.maxLimit()).build();
            default -> Gradient2Limit.newBuilder().initialLimit(p.initialLimit()).minLimit(p.minLimit())
                    .maxConcurrency(p.maxLimit()).build();
        };
    }

    /** A slot for one command request, or empty (shed) when none frees within the wait allowed. */
    public Optional<Permit> tryAcquire() {
        Optional<Limiter.Listener> listener;
        asking.incrementAndGet();
        try {
            listener = limiter.acquire(null);
        } finally {
            asking.decrementAndGet();
        }
        if (listener.isEmpty()) {
            shed.increment();
            return Optional.empty();
        }
        inflight.incrementAndGet();
        return Optional.of(new Permit(listener.get(), nanoClock.getAsLong()));
    }

    /**
     * Every slot taken and the backlog full: a command request arriving now would be refused. A hint (it may change the
     * next instant), for refusing before the work that precedes {@link #tryAcquire()}.
     */
    public boolean saturated() {
        return inflight.get() >= slots.getLimit() && asking.get() >= backlog;
    }

    /** A command request refused on {@link #saturated()}, before it asked for a slot. */
    public void shedEarly() {
        shed.increment();
    }

    public int limit() {
        return slots.getLimit();
    }

    public int inflight() {
        return inflight.get();
    }

    @Override
    public long shed() {
        return (long) shed.count();
    }

    @Override
    public long accepted() {
        return (long) accepted.count();
    }

    @Override
    public long slow() {
        return (long) slow.count();
    }

    /** One slot, given back exactly once. */
    public final class Permit {
        private final Limiter.Listener listener;
        private final long startedAt;
        private boolean released;

        private Permit(Limiter.Listener listener, long startedAt) {
            this.listener = listener;
            this.startedAt = startedAt;
        }

        /**
         * @param overloaded the command itself ran out of time or capacity further in (a write timeout): the limit
         *                   learns it as a drop, not as a sample of how long a command takes
         */
        public synchronized void release(boolean overloaded) {
            if (released) {
                return;
            }
            released = true;
            inflight.decrementAndGet();
            accepted.increment();
            if (nanoClock.getAsLong() - startedAt > slowNanos) {
                slow.increment();
            }
            if (overloaded) {
                listener.onDropped();
            } else {
                listener.onSuccess();
            }
        }
    }
}
