package io.ticketing.command.admission.application;

import io.ticketing.command.overload.application.AdmissionRateControl;
import io.ticketing.command.overload.application.OverloadProperties;
import io.ticketing.infra.admission.RedisWaitingRoom;
import io.ticketing.infra.admission.RedisWaitingRoom.EntryState;
import io.ticketing.infra.admission.RedisWaitingRoom.Settings;
import io.ticketing.infra.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The waiting room's use cases: enter, see where you stand, and the admins' settings. */
@Service
public class WaitingRoom {
    private final RedisWaitingRoom redis;
    private final ScheduleDirectory directory;
    private final AdmissionTokens tokens;
    private final AdmissionProperties properties;
    private final QueueMetrics metrics;
    private final AdmissionRateControl rateControl;
    private final OverloadProperties overload;
    private final Clock clock;

    public WaitingRoom(RedisWaitingRoom redis, ScheduleDirectory directory, AdmissionTokens tokens,
                       AdmissionProperties properties, QueueMetrics metrics, AdmissionRateControl rateControl,
                       OverloadProperties overload) {
        this.redis = redis;
        this.rateControl = rateControl;
        this.overload = overload;
        this.directory = directory;
        this.tokens = tokens;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /**
     * {@code position} is 1-based and null in the pre-queue; {@code etaSeconds} null when unknown;
     * the token only when ADMITTED.
     */
    public record Entry(String entryId, String status, Long position, Long etaSeconds, String admissionToken,
                        Instant admissionExpiresAt, boolean created) {
    }

    public Entry enter(String scheduleId, String userId) {
        ScheduleDirectory.Schedule schedule = schedule(scheduleId);
        Instant now = clock.instant();
        if (now.isBefore(schedule.salesOpenAt().minus(properties.preQueueWindow()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:sales-not-open", "Sales not open",
                    "The waiting room of schedule " + scheduleId + " opens at "
                            + schedule.salesOpenAt().minus(properties.preQueueWindow()) + ".",
                    Map.of("queueOpensAt", schedule.salesOpenAt().minus(properties.preQueueWindow()).toString(),
                            "salesOpenAt", schedule.salesOpenAt().toString()));
        }
        metrics.track(scheduleId);
        EntryState state = redisCall(() -> redis.enter(scheduleId, userId, UUID.randomUUID().toString(), now,
                schedule.salesOpenAt()));
        return redisCall(() -> view(scheduleId, userId, state, state.created()));
    }

    public Optional<Entry> entry(String scheduleId, String userId, String entryId) {
        ScheduleDirectory.Schedule schedule = schedule(scheduleId);
        return redisCall(() -> redis.poll(scheduleId, userId, entryId, clock.instant(), schedule.salesOpenAt())
                .map(state -> view(scheduleId, userId, state, false)));
    }

    /**
     * {@code admitPerSecond} is the ceiling, {@code minAdmitPerSecond} the floor of the adaptive rate (null in a request:
     * {@code ticketing.overload.default-min-admit-per-second}); {@code effectiveAdmitPerSecond} is what this instance's
     * admitter admits at now (0 while paused).
     */
    public record QueueSettings(double admitPerSecond, int maxActive, boolean paused, Double minAdmitPerSecond,
                                Double effectiveAdmitPerSecond) {
        public QueueSettings(double admitPerSecond, int maxActive, boolean paused) {
            this(admitPerSecond, maxActive, paused, null, null);
        }
    }

    public QueueSettings settings(String scheduleId) {
        schedule(scheduleId);
        Settings settings = redisCall(() -> redis.settings(scheduleId)).orElse(defaults());
        return shown(scheduleId, settings);
    }

    public QueueSettings changeSettings(String scheduleId, QueueSettings settings) {
        ScheduleDirectory.Schedule schedule = schedule(scheduleId);
        Settings stored = new Settings(settings.admitPerSecond(), settings.maxActive(), settings.paused(),
                settings.minAdmitPerSecond());
        redisCall(() -> {
            redis.saveSettings(scheduleId, stored, Duration.between(clock.instant(), schedule.startsAt()));
            return null;
        });
        metrics.track(scheduleId);
        return shown(scheduleId, stored);
    }

    private QueueSettings shown(String scheduleId, Settings settings) {
        double floor = Math.min(settings.admitPerSecond(), settings.minAdmitPerSecond() != null
                ? settings.minAdmitPerSecond() : overload.defaultMinAdmitPerSecond());
        double effective = settings.admitPerSecond();
        if (overload.enabled()) {
            // The control loop's rate, kept within the (possibly just changed) bounds, as the next step will apply it.
            effective = rateControl.rate(scheduleId)
                    .map(rate -> Math.max(floor, Math.min(settings.admitPerSecond(), rate.effective())))
                    .orElse(settings.admitPerSecond());
        }
        return new QueueSettings(settings.admitPerSecond(), settings.maxActive(), settings.paused(), floor,
                settings.paused() ? 0.0 : effective);
    }

    Settings defaults() {
        return new Settings(properties.defaultAdmitPerSecond(), properties.defaultMaxActive(), false);
    }

    private Entry view(String scheduleId, String userId, EntryState state, boolean created) {
        return switch (state.state()) {
            case ADMITTED -> new Entry(state.entryId(), "ADMITTED", null, 0L,
                    tokens.issue(userId, scheduleId, state.admittedUntil()), state.admittedUntil(), created);
            case EXPIRED -> new Entry(state.entryId(), "EXPIRED", null, null, null, null, created);
            case PRE_QUEUE -> new Entry(state.entryId(), "PRE_QUEUE", null, null, null, null, created);
            case WAITING -> {
                long position = state.rank() + 1;
                yield new Entry(state.entryId(), "WAITING", position, eta(position, state),
                        null, null, created);
            }
        };
    }

    /**
     * From the admission rate measured over the last seconds; before any admission, from the configured rate.
     * Everything it needs came back with the entry, so the enter and poll paths stay one Redis round trip.
     */
    private Long eta(long position, EntryState state) {
        double rate = state.measuredRate();
        if (rate <= 0) {
            if (state.paused()) {
                return null;
            }
            rate = state.configuredRate() != null ? state.configuredRate() : properties.defaultAdmitPerSecond();
        }
        return rate <= 0 ? null : (long) Math.ceil(position / rate);
    }

    private static <T> T redisCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (org.springframework.dao.DataAccessException e) {
            throw new WaitingRoomUnavailable(e);
        }
    }

    private ScheduleDirectory.Schedule schedule(String scheduleId) {
        return directory.find(scheduleId).orElseThrow(() -> ProblemException.notFound("Schedule " + scheduleId));
    }
}
