package io.ticketing.infra.admission;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waiting rooms in Redis, one per schedule. Every operation is one Lua script, so it is one round trip
 * and atomic however many app instances share the Redis: entering is idempotent per user, admitting never
 * exceeds the rate or the cap on active admissions, and nobody is admitted twice or out of turn.
 * <p>
 * Keys per schedule (prefix {@code <keyPrefix>:<scheduleId>:}): {@code users} (user → entry),
 * {@code line} (entry → order: a random number in (0,1) for the pre-queue, 1 + arrival number after the
 * opening), {@code lastseen} (entry → last poll), {@code active} (user → admission expiry),
 * {@code admitted} (entry → admission expiry), {@code settings}, {@code bucket}, {@code log}, {@code rate},
 * {@code seq}, and {@code <keyPrefix>:entry:<entryId>} (owner).
 * <p>
 * Nothing is kept for ever ({@link Retention}): the script that writes a key also sets its expiry. A schedule's
 * keys expire {@code scheduleKeys} after their last write; the admitter writes them at every step until the
 * show starts, so they go that long after the show (or after the last entry or poll, if later). An entry's
 * hash lives while it waits (refreshed by each poll) or is admitted; once it ends (idle, admission over,
 * purchase, replaced by a new entry) its fields leave the schedule's hashes and its own hash is kept only
 * {@code endedEntries} more, so that a last poll still reads EXPIRED.
 */
public class RedisWaitingRoom {
    private static final RedisScript<List> ENTER = script("admission/enter.lua");
    private static final RedisScript<List> POLL = script("admission/poll.lua");
    private static final RedisScript<List> ADMIT = script("admission/admit.lua");
    private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>(
            read("admission/release.lua"), Long.class);
    private static final RedisScript<Long> SAVE_SETTINGS = new DefaultRedisScript<>(
            read("admission/settings.lua"), Long.class);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String keep;
    private final String ended;
    private final Retention retention;

    /**
     * @param scheduleKeys how long a schedule's keys (and a waiting entry's hash) outlive their last write
     * @param endedEntries how long an ended entry's hash is kept, answering EXPIRED, before it goes
     */
    public record Retention(Duration scheduleKeys, Duration endedEntries) {
        public static final Retention DEFAULT = new Retention(Duration.ofHours(6), Duration.ofMinutes(10));

        public Retention {
            if (scheduleKeys.toMillis() < 1 || endedEntries.toMillis() < 1) {
                throw new IllegalArgumentException("retention must be at least 1 ms: " + scheduleKeys + ", " + endedEntries);
            }
        }
    }

    public RedisWaitingRoom(StringRedisTemplate redis, String keyPrefix) {
        this(redis, keyPrefix, Retention.DEFAULT);
    }

    public RedisWaitingRoom(StringRedisTemplate redis, String keyPrefix, Retention retention) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.retention = retention;
        this.keep = Long.toString(retention.scheduleKeys().toMillis());
        this.ended = Long.toString(retention.endedEntries().toMillis());
    }

    public enum State { PRE_QUEUE, WAITING, ADMITTED, EXPIRED }

    /**
     * {@code rank} is 0-based, -1 when the entry has no place in the line; {@code admittedUntil} set when ADMITTED;
     * {@code configuredRate} null when no admin has set the schedule's rate.
     */
    public record EntryState(String entryId, boolean created, State state, long rank, Instant admittedUntil,
                             double measuredRate, Double configuredRate, boolean paused) {
    }

    /**
     * {@code rate} is the rate this step admitted at, between {@code floor} and {@code ceiling} (the schedule's
     * {@code minAdmitPerSecond} and {@code admitPerSecond}, or the defaults).
     */
    public record AdmissionStep(List<Admission> admitted, long waiting, long active, long expiredEntries,
                                double rate, double ceiling, double floor) {
    }

    public record Admission(String entryId, String userId, Instant until) {
    }

    /** {@code minAdmitPerSecond} null: the admitter's default floor. */
    public record Settings(double admitPerSecond, int maxActive, boolean paused, Double minAdmitPerSecond) {
        public Settings(double admitPerSecond, int maxActive, boolean paused) {
            this(admitPerSecond, maxActive, paused, null);
        }
    }

    public EntryState enter(String scheduleId, String userId, String newEntryId, Instant now, Instant salesOpenAt) {
        double random = ThreadLocalRandom.current().nextDouble(Double.MIN_VALUE, 1.0);
        List<?> result = redis.execute(ENTER,
                List.of(key(scheduleId, "users"), key(scheduleId, "line"), key(scheduleId, "lastseen"),
                        key(scheduleId, "seq"), entryKey(newEntryId), key(scheduleId, "admitted"),
                        key(scheduleId, "rate"), key(scheduleId, "settings")),
                userId, newEntryId, Long.toString(now.toEpochMilli()), Long.toString(salesOpenAt.toEpochMilli()),
                Double.toString(random), entryKey(""), keep, ended);
        return new EntryState((String) result.get(1), ((Long) result.get(0)) == 1L,
                State.valueOf((String) result.get(2)), (Long) result.get(3), until(result.get(4)),
                Double.parseDouble((String) result.get(5)), rate(result.get(6)), "1".equals(result.get(7)));
    }

    public Optional<EntryState> poll(String scheduleId, String userId, String entryId, Instant now, Instant salesOpenAt) {
        List<?> result = redis.execute(POLL,
                List.of(entryKey(entryId), key(scheduleId, "line"), key(scheduleId, "lastseen"),
                        key(scheduleId, "admitted"), key(scheduleId, "rate"), key(scheduleId, "settings")),
                userId, entryId, Long.toString(now.toEpochMilli()), Long.toString(salesOpenAt.toEpochMilli()), keep);
        if ("UNKNOWN".equals(result.get(0))) {
            return Optional.empty();
        }
        return Optional.of(new EntryState(entryId, false, State.valueOf((String) result.get(0)), (Long) result.get(1),
                until(result.get(2)), Double.parseDouble((String) result.get(3)), rate(result.get(4)),
                "1".equals(result.get(5))));
    }

    public AdmissionStep admit(String scheduleId, Instant now, Instant salesOpenAt, Duration admissionTtl,
                               Duration idleTimeout, Settings defaults) {
        return admit(scheduleId, now, salesOpenAt, admissionTtl, idleTimeout, defaults, null);
    }

    /**
     * @param rate the rate to admit at, kept between the schedule's floor and ceiling; null: the ceiling. The floor of a
     *             schedule whose settings name none is {@code defaults.minAdmitPerSecond()} (null: the ceiling)
     */
    public AdmissionStep admit(String scheduleId, Instant now, Instant salesOpenAt, Duration admissionTtl,
                               Duration idleTimeout, Settings defaults, Double rate) {
        List<?> result = redis.execute(ADMIT,
                List.of(key(scheduleId, "line"), key(scheduleId, "lastseen"), key(scheduleId, "active"),
                        key(scheduleId, "admitted"), key(scheduleId, "settings"), key(scheduleId, "bucket"),
                        key(scheduleId, "log"), key(scheduleId, "rate"), key(scheduleId, "users")),
                Long.toString(now.toEpochMilli()), Long.toString(salesOpenAt.toEpochMilli()),
                Long.toString(admissionTtl.toMillis()), Long.toString(idleTimeout.toMillis()),
                Double.toString(defaults.admitPerSecond()), Integer.toString(defaults.maxActive()), entryKey(""),
                Long.toString(RATE_WINDOW.toMillis()), keep, ended, rate == null ? "" : Double.toString(rate),
                defaults.minAdmitPerSecond() == null ? "" : Double.toString(defaults.minAdmitPerSecond()));
        int n = result.size() - 6;
        Instant until = now.plus(admissionTtl);
        List<Admission> admitted = new java.util.ArrayList<>(n / 2);
        for (int i = 0; i < n; i += 2) {
            admitted.add(new Admission((String) result.get(i), (String) result.get(i + 1), until));
        }
        return new AdmissionStep(admitted, (Long) result.get(n), (Long) result.get(n + 1), (Long) result.get(n + 2),
                Double.parseDouble((String) result.get(n + 3)), Double.parseDouble((String) result.get(n + 4)),
                Double.parseDouble((String) result.get(n + 5)));
    }

    /** Whether the user holds an unexpired admission for the schedule. */
    public boolean isActive(String scheduleId, String userId, Instant now) {
        Double until = redis.opsForZSet().score(key(scheduleId, "active"), userId);
        return until != null && until > now.toEpochMilli();
    }

    public boolean release(String scheduleId, String userId) {
        Long freed = redis.execute(RELEASE,
                List.of(key(scheduleId, "users"), key(scheduleId, "active"), key(scheduleId, "admitted")), userId,
                entryKey(""), ended);
        return freed != null && freed > 0;
    }

    public Optional<Settings> settings(String scheduleId) {
        Map<Object, Object> stored = redis.opsForHash().entries(key(scheduleId, "settings"));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Object floor = stored.get("minAdmitPerSecond");
        return Optional.of(new Settings(Double.parseDouble((String) stored.get("admitPerSecond")),
                Integer.parseInt((String) stored.get("maxActive")), "1".equals(stored.get("paused")),
                floor == null ? null : Double.valueOf((String) floor)));
    }

    public void saveSettings(String scheduleId, Settings settings) {
        saveSettings(scheduleId, settings, Duration.ZERO);
    }

    /**
     * Settings may be given days before the sale, when nothing else of the schedule is in Redis yet: they are
     * kept {@code untilShow} (the time left until the show starts) plus the schedule keys' retention.
     */
    public void saveSettings(String scheduleId, Settings settings, Duration untilShow) {
        Duration keepFor = retention.scheduleKeys().plus(untilShow.isNegative() ? Duration.ZERO : untilShow);
        redis.execute(SAVE_SETTINGS, List.of(key(scheduleId, "settings")),
                Double.toString(settings.admitPerSecond()), Integer.toString(settings.maxActive()),
                settings.paused() ? "1" : "0", Long.toString(keepFor.toMillis()),
                settings.minAdmitPerSecond() == null ? "" : Double.toString(settings.minAdmitPerSecond()));
    }

    public long waiting(String scheduleId) {
        Long size = redis.opsForZSet().zCard(key(scheduleId, "line"));
        return size == null ? 0 : size;
    }

    private String key(String scheduleId, String part) {
        return prefix + ":" + scheduleId + ":" + part;
    }

    private String entryKey(String entryId) {
        return prefix + ":entry:" + entryId;
    }

    private static Double rate(Object value) {
        return value == null || value.toString().isEmpty() ? null : Double.valueOf(value.toString());
    }

    private static Instant until(Object value) {
        if (value == null) {
            return null;
        }
        long millis = value instanceof Long l ? l : (long) Double.parseDouble(value.toString());
        return millis <= 0 ? null : Instant.ofEpochMilli(millis);
    }

    private static RedisScript<List> script(String path) {
        return new DefaultRedisScript<>(read(path), List.class);
    }

    private static String read(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
