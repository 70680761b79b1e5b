package io.ticketing.command.benchmark;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.IsolatedCommandSide;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark harness (not part of {@code verify}): how many bytes of heap one cached aggregate takes, with Axon's
 * cache entry and Ehcache's bookkeeping. Fills the caches through the real command side, then compares the live
 * heap after a full GC with the cache full and after clearing it. First run (2026-12-03, test JVM with the embedded
 * broker): booking 3,000 entries, 659 bytes each; seats 20,000 entries but only 22 bytes each — the cleared seats
 * stayed reachable from something else, not yet explained, so {@code AggregateCacheSizing}'s constants come from
 * the local run's whole-heap measurement instead.
 * {@code ./mvnw -B -o -pl command-side -am test -Dbenchmarks.excluded=none -Dgroups=benchmark -Dtest=AggregateCacheFootprintBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (optional {@code -Dbench.schedules=2 -Dbench.holds=1500}).
 */
@Tag("benchmark")
class AggregateCacheFootprintBenchmark {

    @Test
    void bytesPerCachedAggregate() {
        int schedules = Integer.getInteger("bench.schedules", 2);
        int holds = Integer.getInteger("bench.holds", 1500);
        try (IsolatedCommandSide app = IsolatedCommandSide.start("footprint", Map.of(
                "ticketing.aggregate-cache.seats", 1_000_000, "ticketing.aggregate-cache.booking", 1_000_000))) {
            BookingClient client = app.client();
            String first = null;
            for (int i = 0; i < schedules; i++) {
                String schedule = client.createSchedule(100, 100, 10_000);
                first = first == null ? schedule : first;
            }
            for (int i = 0; i < holds; i++) {
                String seat = "A-" + (i / 100 + 1) + "-" + (i % 100 + 1);
                BookingClient.Answer held = client.hold("footprint-" + i, first, List.of(seat));
                assertThat(held.status()).as(held.text()).isEqualTo(201);
                assertThat(client.cancel("footprint-" + i, held.string("reservationId")).status()).isEqualTo(202);
            }
            CacheManager caches = app.bean(CacheManager.class);
            for (String name : List.of("reservations", "hold-quotas", "payment-orders", "seats")) {
                Cache<Object, Object> cache = caches.getCache(name, Object.class, Object.class);
                long entries = count(cache);
                long full = liveHeap();
                cache.clear();
                long cleared = liveHeap();
                System.out.printf("CACHE FOOTPRINT %s: %d entries, %d bytes live with them, %d without: %d bytes per entry%n",
                        name, entries, full, cleared, entries == 0 ? 0 : (full - cleared) / entries);
            }
        }
    }

    private static long count(Cache<Object, Object> cache) {
        long n = 0;
        for (Cache.Entry<Object, Object> ignored : cache) {
            n++;
        }
        return n;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
