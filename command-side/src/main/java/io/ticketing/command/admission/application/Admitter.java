package io.ticketing.command.admission.application;

import io.ticketing.command.overload.application.AdmissionRateControl;
import io.ticketing.command.overload.application.OverloadProperties;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Admits people from every open waiting room, every {@code ticketing.queue.admit-interval}. Every instance
 * runs it; the admission step itself is one atomic script in Redis, so instances side by side neither
 * over-admit nor skip anyone. Each schedule is admitted at its effective rate: its admin's {@code admitPerSecond}
 * while the command side keeps up, less while it sheds work or answers slowly ({@link AdmissionRateControl}).
 */
@Component
public class Admitter {
    private static final Logger log = LoggerFactory.getLogger(Admitter.class);
    private static final Duration DIRECTORY_REFRESH = Duration.ofSeconds(1);

    private final RedisWaitingRoom redis;
    private final ScheduleDirectory directory;
    private final AdmissionProperties properties;
    private final WaitingRoom waitingRoom;
    private final QueueMetrics metrics;
    private final AdmissionRateControl rateControl;
    private final boolean adaptive;
    private final Double defaultFloor;
    private volatile List<ScheduleDirectory.Schedule> open = List.of();
    private volatile Instant refreshedAt = Instant.MIN;
    private volatile boolean failing;

    public Admitter(RedisWaitingRoom redis, ScheduleDirectory directory, AdmissionProperties properties,
                    WaitingRoom waitingRoom, QueueMetrics metrics, AdmissionRateControl rateControl,
                    OverloadProperties overload) {
        this.redis = redis;
        this.rateControl = rateControl;
        this.adaptive = overload.enabled();
        this.defaultFloor = overload.defaultMinAdmitPerSecond();
        this.directory = directory;
        this.properties = properties;
        this.waitingRoom = waitingRoom;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${ticketing.queue.admit-interval:100ms}")
    public void admit() {
        Instant now = Instant.now();
        try {
            if (Duration.between(refreshedAt, now).compareTo(DIRECTORY_REFRESH) >= 0) {
                open = directory.openAround(now, properties.preQueueWindow());
                refreshedAt = now;
            }
            RedisWaitingRoom.Settings configured = waitingRoom.defaults();
            RedisWaitingRoom.Settings defaults = new RedisWaitingRoom.Settings(configured.admitPerSecond(),
                    configured.maxActive(), configured.paused(), defaultFloor);
            for (ScheduleDirectory.Schedule schedule : open) {
                String id = schedule.scheduleId();
                Double rate = adaptive ? rateControl.capFor(id).orElse(null) : null;
                RedisWaitingRoom.AdmissionStep step = redis.admit(id, now, schedule.salesOpenAt(),
                        properties.admissionTtl(), properties.entryIdleTimeout(), defaults, rate);
                if (adaptive) {
                    rateControl.observed(id, step.floor(), step.ceiling());
                }
                metrics.step(id, step);
            }
            if (failing) {
                log.info("Admissions resumed");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Admissions paused: {}", e.getMessage());
                failing = true;
            }
        }
    }
}
