package io.ticketing.command.admission.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ticketing_queue_length{schedule}} (waiting and pre-queue), {@code ticketing_queue_active{schedule}}
 * (admitted and unexpired), {@code ticketing_queue_admitted_total{schedule}},
 * {@code ticketing_queue_expired_total{schedule}}, {@code ticketing_queue_effective_admit_rate{schedule}} (admissions
 * per second the last step allowed: the admin's rate, or less while the command side is overloaded) and
 * {@code ticketing_gate_rejects_total{reason}}. The gauges
 * show what the last admission step saw, so a scrape costs Redis nothing.
 */
@Component
public class QueueMetrics {
    private final MeterRegistry registry;
    private final Map<String, Figures> schedules = new ConcurrentHashMap<>();

    public static final java.util.List<String> GATE_REJECT_REASONS =
            java.util.List.of("missing", "invalid", "expired", "wrong-schedule", "not-admitted", "redis-down");

    public QueueMetrics(MeterRegistry registry) {
        this.registry = registry;
        GATE_REJECT_REASONS.forEach(reason -> Counter.builder("ticketing.gate.rejects").tag("reason", reason)
                .description("Seat and payment commands refused by the admission gate").register(registry));
    }

    private record Figures(AtomicLong waiting, AtomicLong active, Counter admitted, Counter expired,
                           java.util.concurrent.atomic.AtomicReference<Double> rate) {
    }

    void track(String scheduleId) {
        figures(scheduleId);
    }

    void step(String scheduleId, RedisWaitingRoom.AdmissionStep step) {
        Figures figures = figures(scheduleId);
        figures.waiting().set(step.waiting());
        figures.active().set(step.active());
        figures.admitted().increment(step.admitted().size());
        figures.expired().increment(step.expiredEntries());
        figures.rate().set(step.rate());
    }

    public void gateRejected(String reason) {
        registry.counter("ticketing.gate.rejects", "reason", reason).increment();
    }

    private Figures figures(String scheduleId) {
        return schedules.computeIfAbsent(scheduleId, s -> {
            AtomicLong waiting = new AtomicLong();
            AtomicLong active = new AtomicLong();
            java.util.concurrent.atomic.AtomicReference<Double> rate = new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
            Gauge.builder("ticketing.queue.effective.admit.rate", rate, java.util.concurrent.atomic.AtomicReference::get)
                    .tag("schedule", s).description("Admissions per second the last admission step allowed")
                    .register(registry);
            Gauge.builder("ticketing.queue.length", waiting, AtomicLong::get).tag("schedule", s)
                    .description("People in the waiting room (pre-queue and waiting)").register(registry);
            Gauge.builder("ticketing.queue.active", active, AtomicLong::get).tag("schedule", s)
                    .description("Admitted people whose admission has not expired").register(registry);
            return new Figures(waiting, active,
                    Counter.builder("ticketing.queue.admitted").tag("schedule", s)
                            .description("People admitted from the waiting room").register(registry),
                    Counter.builder("ticketing.queue.expired").tag("schedule", s)
                            .description("Entries dropped because their owner stopped polling").register(registry),
                    rate);
        });
    }
}
