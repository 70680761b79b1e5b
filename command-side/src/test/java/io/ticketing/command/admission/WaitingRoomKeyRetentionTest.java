package io.ticketing.command.admission;

import io.ticketing.infra.admission.RedisWaitingRoom;
import io.ticketing.infra.admission.RedisWaitingRoom.EntryState;
import io.ticketing.infra.admission.RedisWaitingRoom.Retention;
import io.ticketing.infra.admission.RedisWaitingRoom.Settings;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis keeps only what the waiting room still needs (issue 18, point 8): every key has an expiry, an ended
 * entry's keys go, and a schedule's keys go once nobody works its queue any more. Real Redis, this JVM's own
 * prefix; the queue's clock is passed in, Redis's expiries run on real time (kept short here).
 */
class WaitingRoomKeyRetentionTest {
    private static final Duration ADMISSION = Duration.ofMinutes(1);
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration ENDED = Duration.ofMillis(300);
    private static final String PREFIX = TestEnvironment.REDIS_PREFIX + "-keys";
    @RegisterExtension
    static final TestRedis REDIS = new TestRedis(PREFIX);
    private static StringRedisTemplate redis;

    @BeforeAll
    static void connect() {
        redis = REDIS.template();
    }

    @Test
    void afterASaleEveryKeyExpiresAndEndedEntriesAreGone() {
        RedisWaitingRoom room = new RedisWaitingRoom(redis, PREFIX, new Retention(Duration.ofHours(1), ENDED));
        String schedule = UUID.randomUUID().toString();
        Instant t0 = Instant.now();
        Instant opens = t0.minusSeconds(60);
        room.saveSettings(schedule, new Settings(1000, 3, false), Duration.ofDays(3));
        Map<String, String> entries = new LinkedHashMap<>();
        for (String user : List.of("bought", "came-back", "timed-out", "quiet", "waiting")) {
            entries.put(user, room.enter(schedule, user, UUID.randomUUID().toString(), t0, opens).entryId());
        }
        // The first step starts the bucket; the second admits the first three in line.
        room.admit(schedule, t0.plusMillis(100), opens, ADMISSION, IDLE, defaults());
        var admitted = room.admit(schedule, t0.plusSeconds(2), opens, ADMISSION, IDLE, defaults()).admitted();
        assertThat(admitted).extracting(RedisWaitingRoom.Admission::userId)
                .containsExactly("bought", "came-back", "timed-out");
        room.saveSettings(schedule, new Settings(1000, 3, true), Duration.ofDays(3));

        // A purchase ends one admission.
        assertThat(room.release(schedule, "bought")).isTrue();
        // One admission runs out and its owner queues again with a new entry.
        EntryState again = room.enter(schedule, "came-back", UUID.randomUUID().toString(),
                t0.plus(ADMISSION).plusSeconds(30), opens);
        assertThat(again.created()).isTrue();
        // One waiting entry is kept alive, the quiet one is not.
        assertThat(room.poll(schedule, "waiting", entries.get("waiting"), t0.plus(ADMISSION).plusSeconds(30), opens))
                .isPresent();
        // This step finds the other admission run out and the quiet entry idle.
        var step = room.admit(schedule, t0.plus(IDLE).plusSeconds(10), opens, ADMISSION, IDLE, defaults());
        assertThat(step.expiredEntries()).isEqualTo(1);
        assertThat(step.active()).isZero();

        List<String> ended = List.of(entries.get("bought"), entries.get("came-back"), entries.get("timed-out"),
                entries.get("quiet"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ended).allSatisfy(id -> assertThat(redis.hasKey(PREFIX + ":entry:" + id))
                        .as("ended entry %s", id).isFalse()));
        // Nothing of the ended entries is left in the schedule's own keys either.
        String schedulePrefix = PREFIX + ":" + schedule + ":";
        assertThat(redis.opsForHash().entries(schedulePrefix + "users"))
                .containsOnly(Map.entry("came-back", again.entryId()), Map.entry("waiting", entries.get("waiting")));
        assertThat(redis.hasKey(schedulePrefix + "admitted")).isFalse();
        assertThat(redis.opsForZSet().range(schedulePrefix + "line", 0, -1))
                .containsExactly(entries.get("waiting"), again.entryId());
        assertThat(redis.opsForZSet().range(schedulePrefix + "lastseen", 0, -1))
                .containsExactlyInAnyOrder(entries.get("waiting"), again.entryId());
        assertThat(redis.hasKey(PREFIX + ":entry:" + again.entryId())).isTrue();
        assertThat(redis.hasKey(PREFIX + ":entry:" + entries.get("waiting"))).isTrue();

        // And every key that is left expires some day.
        Map<String, Long> ttls = ttlsUnder(PREFIX + ":*");
        assertThat(ttls).isNotEmpty().allSatisfy((key, ttl) -> assertThat(ttl).as(key).isPositive());
        // The admin's settings outlast the show, given three days ahead.
        assertThat(ttls.get(schedulePrefix + "settings")).isGreaterThan(Duration.ofDays(3).toMillis());
    }

    @Test
    void aScheduleWhoseQueueNobodyWorksAnyMoreLeavesNothingBehind() {
        RedisWaitingRoom room = new RedisWaitingRoom(redis, PREFIX,
                new Retention(Duration.ofMillis(800), ENDED));
        String schedule = UUID.randomUUID().toString();
        Instant t0 = Instant.now();
        Instant opens = t0.minusSeconds(60);
        room.saveSettings(schedule, new Settings(1000, 1, false));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(room.enter(schedule, "fan-" + i, UUID.randomUUID().toString(), t0, opens).entryId());
        }
        // An admission short enough to end during the test: an admitted entry's hash lives as long as it.
        Duration admission = Duration.ofMillis(500);
        room.admit(schedule, t0.plusMillis(100), opens, admission, IDLE, defaults());
        assertThat(room.admit(schedule, t0.plusSeconds(1), opens, admission, IDLE, defaults()).admitted()).hasSize(1);
        assertThat(ttlsUnder(PREFIX + ":" + schedule + ":*")).isNotEmpty();

        // The show has started: the admitter no longer visits the schedule, nobody polls.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ttlsUnder(PREFIX + ":" + schedule + ":*")).isEmpty();
            assertThat(ids).allSatisfy(id -> assertThat(redis.hasKey(PREFIX + ":entry:" + id)).isFalse());
        });
    }

    /** Every key matching the pattern with its remaining time to live in ms (-1: none), by SCAN. */
    private static Map<String, Long> ttlsUnder(String pattern) {
        Map<String, Long> ttls = new LinkedHashMap<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
            keys.forEachRemaining(key -> {
                Long ttl = redis.getExpire(key, TimeUnit.MILLISECONDS);
                if (ttl != null && ttl != -2) {
                    ttls.put(key, ttl);
                }
            });
        }
        return ttls;
    }

    private static Settings defaults() {
        return new Settings(50, 1000, false);
    }
}
