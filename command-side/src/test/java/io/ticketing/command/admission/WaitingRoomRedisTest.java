package io.ticketing.command.admission;

import io.ticketing.infra.admission.RedisWaitingRoom;
import io.ticketing.infra.admission.RedisWaitingRoom.EntryState;
import io.ticketing.infra.admission.RedisWaitingRoom.Settings;
import io.ticketing.infra.admission.RedisWaitingRoom.State;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting room's rules, against the machine's real Redis (keys under this run's own prefix). Time is
 * passed in, so the tests move the clock instead of waiting for it.
 */
class WaitingRoomRedisTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration IDLE = Duration.ofMinutes(2);
    @RegisterExtension
    static final TestRedis REDIS = new TestRedis(TestEnvironment.REDIS_PREFIX + "-unit");
    private static StringRedisTemplate redis;
    private static RedisWaitingRoom room;

    @BeforeAll
    static void connect() {
        redis = REDIS.template();
        room = new RedisWaitingRoom(redis, REDIS.prefix());
    }

    @Test
    void enteringTwiceEvenAtTheSameMomentGivesTheSameEntry() throws Exception {
        String schedule = UUID.randomUUID().toString();
        Instant now = Instant.now();
        int clicks = 16;
        CyclicBarrier together = new CyclicBarrier(clicks);
        ExecutorService threads = Executors.newFixedThreadPool(clicks);
        List<Future<EntryState>> results = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            results.add(threads.submit(() -> {
                together.await();
                return room.enter(schedule, "double-clicker", UUID.randomUUID().toString(), now, now.minusSeconds(60));
            }));
        }
        Set<String> entries = new HashSet<>();
        int created = 0;
        for (Future<EntryState> result : results) {
            entries.add(result.get().entryId());
            created += result.get().created() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(entries).hasSize(1);
        assertThat(created).isEqualTo(1);
        assertThat(room.waiting(schedule)).isEqualTo(1);
    }

    @Test
    void thePreQueueIsAdmittedInARandomOrderAheadOfLaterArrivalsWhoComeInFifoOrder() {
        String schedule = UUID.randomUUID().toString();
        Instant opens = Instant.now().plusSeconds(600);
        room.saveSettings(schedule, new Settings(1000, 10_000, false));
        List<String> early = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            EntryState entry = room.enter(schedule, "early-" + i, UUID.randomUUID().toString(),
                    opens.minusSeconds(60).plusMillis(i * 500L), opens);
            assertThat(entry.state()).isEqualTo(State.PRE_QUEUE);
            early.add(entry.entryId());
        }
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EntryState entry = room.enter(schedule, "late-" + i, UUID.randomUUID().toString(), opens.plusMillis(i + 1), opens);
            assertThat(entry.state()).isEqualTo(State.WAITING);
            assertThat(entry.rank()).isEqualTo(100 + i);
            late.add(entry.entryId());
        }
        // Nothing is admitted before the opening.
        assertThat(room.admit(schedule, opens.minusSeconds(1), opens, TTL, IDLE, defaults()).admitted()).isEmpty();

        List<String> order = new ArrayList<>();
        Instant at = opens.plusSeconds(1);
        for (int step = 0; step < 1000 && order.size() < 150; step++) {
            at = at.plusMillis(100);
            room.admit(schedule, at, opens, TTL, IDLE, defaults()).admitted().forEach(a -> order.add(a.entryId()));
        }
        assertThat(order.subList(0, 100)).containsExactlyInAnyOrderElementsOf(early);
        assertThat(order.subList(0, 100)).as("arriving early gives no edge").isNotEqualTo(early);
        assertThat(order.subList(100, 150)).containsExactlyElementsOf(late);
    }

    @Test
    void anEntryWhoseOwnerStopsPollingExpires() {
        String schedule = UUID.randomUUID().toString();
        Instant opens = Instant.now().minusSeconds(60);
        room.saveSettings(schedule, new Settings(1, 10, true));
        Instant t0 = Instant.now();
        EntryState quiet = room.enter(schedule, "quiet", UUID.randomUUID().toString(), t0, opens);
        EntryState polling = room.enter(schedule, "polling", UUID.randomUUID().toString(), t0, opens);
        assertThat(room.poll(schedule, "polling", polling.entryId(), t0.plus(IDLE).minusSeconds(10), opens)).isPresent();
        var step = room.admit(schedule, t0.plus(IDLE).plusSeconds(1), opens, TTL, IDLE, defaults());
        assertThat(step.expiredEntries()).isEqualTo(1);
        assertThat(step.waiting()).isEqualTo(1);
        assertThat(room.poll(schedule, "quiet", quiet.entryId(), t0.plus(IDLE).plusSeconds(2), opens).orElseThrow().state())
                .isEqualTo(State.EXPIRED);
        EntryState stillThere = room.poll(schedule, "polling", polling.entryId(), t0.plus(IDLE).plusSeconds(2), opens).orElseThrow();
        assertThat(stillThere.state()).isEqualTo(State.WAITING);
        assertThat(stillThere.rank()).isZero();
        // Someone else's entry id is unknown to them.
        assertThat(room.poll(schedule, "quiet", polling.entryId(), t0, opens)).isEmpty();
        // The quiet one queues again, at the back, with a new entry.
        EntryState back = room.enter(schedule, "quiet", UUID.randomUUID().toString(), t0.plus(IDLE).plusSeconds(3), opens);
        assertThat(back.created()).isTrue();
        assertThat(back.rank()).isEqualTo(1);
    }

    /**
     * 10,000 entries, two admitters racing, and reservations ending all the while: nobody is admitted before
     * someone who queued earlier, nobody twice, and never more than maxActive are active at once.
     */
    @Test
    void tenThousandEntriesAreAdmittedInOrderOnceEachAndNeverAboveTheCap() throws Exception {
        String schedule = UUID.randomUUID().toString();
        Instant opens = Instant.now().minusSeconds(60);
        int people = 10_000;
        int maxActive = 150;
        room.saveSettings(schedule, new Settings(100_000, maxActive, false));
        ExecutorService enterers = Executors.newFixedThreadPool(8);
        List<Future<?>> entering = new ArrayList<>();
        Map<String, String> userOfEntry = new ConcurrentHashMap<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            entering.add(enterers.submit(() -> {
                for (int i = thread; i < people; i += 8) {
                    String user = "user-" + i;
                    userOfEntry.put(room.enter(schedule, user, UUID.randomUUID().toString(), Instant.now(), opens).entryId(), user);
                }
            }));
        }
        for (Future<?> f : entering) {
            f.get();
        }
        enterers.shutdown();
        assertThat(room.waiting(schedule)).isEqualTo(people);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxSeenActive = new AtomicLong();
        List<String> admittedUsers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(3);
        List<Future<?>> admitters = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            admitters.add(workers.submit(() -> {
                Instant deadline = Instant.now().plusSeconds(120);
                while (running.get() && Instant.now().isBefore(deadline)) {
                    var step = room.admit(schedule, Instant.now(), opens, TTL, IDLE, defaults());
                    maxSeenActive.accumulateAndGet(step.active(), Math::max);
                    step.admitted().forEach(admission -> admittedUsers.add(admission.userId()));
                    if (step.waiting() == 0) {
                        running.set(false);
                    }
                }
            }));
        }
        // Reservations end: slots are freed while the admitters run.
        Future<?> releaser = workers.submit(() -> {
            int released = 0;
            Instant deadline = Instant.now().plusSeconds(130);
            while ((running.get() || released < admittedUsers.size()) && Instant.now().isBefore(deadline)) {
                if (released < admittedUsers.size()) {
                    room.release(schedule, admittedUsers.get(released++));
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        for (Future<?> f : admitters) {
            f.get();
        }
        releaser.get();
        workers.shutdown();

        assertThat(admittedUsers).hasSize(people).doesNotHaveDuplicates();
        assertThat(maxSeenActive.get()).isLessThanOrEqualTo(maxActive).isPositive();
        // Order: sorted by the admission counter, the arrival order only ever increases.
        List<double[]> byAdmission = new ArrayList<>();
        for (String entryId : userOfEntry.keySet()) {
            Map<Object, Object> entry = redis.opsForHash().entries(TestEnvironment.REDIS_PREFIX + "-unit:entry:" + entryId);
            byAdmission.add(new double[]{Double.parseDouble((String) entry.get("admittedNo")),
                    Double.parseDouble((String) entry.get("order"))});
        }
        byAdmission.sort((x, y) -> Double.compare(x[0], y[0]));
        for (int i = 1; i < byAdmission.size(); i++) {
            assertThat(byAdmission.get(i)[0]).as("admission numbers are distinct").isGreaterThan(byAdmission.get(i - 1)[0]);
            assertThat(byAdmission.get(i)[1]).as("admitted in arrival order").isGreaterThan(byAdmission.get(i - 1)[1]);
        }
    }

    private static Settings defaults() {
        return new Settings(50, 1000, false);
    }
}
