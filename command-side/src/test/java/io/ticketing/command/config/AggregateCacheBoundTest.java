package io.ticketing.command.config;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.IsolatedCommandSide;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate caches are bounded (issue 20): by default their sizes follow the JVM's heap, and with a
 * deliberately tiny bound they never hold more than it while every aggregate evicted on the way loads back
 * from its events with the right state (a held seat stays refused, a released one can be held again).
 */
class AggregateCacheBoundTest {
    private static final List<String> BOOKING_CACHES = List.of("reservations", "hold-quotas", "payment-orders");

    @Test
    void defaultSizesFollowTheHeap() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("cache-default", Map.of())) {
            AggregateCacheSizing expected = AggregateCacheSizing.of(app.bean(AggregateCacheProperties.class),
                    Runtime.getRuntime().maxMemory());
            assertThat(capacity(app, "seats")).isEqualTo(expected.seats());
            for (String booking : BOOKING_CACHES) {
                assertThat(capacity(app, booking)).as(booking).isEqualTo(expected.bookingPerType());
            }
            assertThat(expected.bytesWhenFull()).isLessThanOrEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.25));
        }
    }

    @Test
    void aTinyBoundEvictsAndEvictedAggregatesLoadCorrectly() {
        int bound = 5;
        try (IsolatedCommandSide app = IsolatedCommandSide.start("cache-bound", Map.of(
                // the booking budget is split evenly between its three caches: 5 entries each
                "ticketing.aggregate-cache.seats", bound, "ticketing.aggregate-cache.booking", 3 * bound))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, 20, 10_000);
            assertWithinBound(app, bound);
            List<String> reservations = new ArrayList<>();
            for (int seat = 1; seat <= 20; seat++) {
                Answer held = client.hold("cache-user-" + seat, schedule, List.of("A-1-" + seat));
                assertThat(held.status()).as(held.text()).isEqualTo(201);
                reservations.add(held.string("reservationId"));
                assertWithinBound(app, bound);
            }
            // Long evicted, still held: loaded from its events, the seat refuses another reservation.
            Answer refused = client.hold("cache-latecomer", schedule, List.of("A-1-1"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.type()).isEqualTo("urn:ticketing:seat-unavailable");
            for (int seat = 1; seat <= 10; seat++) {
                assertThat(client.cancel("cache-user-" + seat, reservations.get(seat - 1)).status()).isEqualTo(202);
                assertWithinBound(app, bound);
            }
            for (int seat = 1; seat <= 10; seat++) {
                Answer again = client.hold("cache-second-" + seat, schedule, List.of("A-1-" + seat));
                assertThat(again.status()).as(again.text()).isEqualTo(201);
                assertWithinBound(app, bound);
            }
            assertThat(client.hold("cache-latecomer", schedule, List.of("A-1-11")).status()).isEqualTo(409);
            assertWithinBound(app, bound);
        }
    }

    private static void assertWithinBound(IsolatedCommandSide app, int bound) {
        for (String name : List.of("seats", "reservations", "hold-quotas", "payment-orders")) {
            long entries = 0;
            for (Cache.Entry<Object, Object> ignored : cache(app, name)) {
                entries++;
            }
            assertThat(entries).as("entries in the %s cache", name).isLessThanOrEqualTo(bound);
        }
    }

    private static long capacity(IsolatedCommandSide app, String name) {
        return cache(app, name).getRuntimeConfiguration().getResourcePools().getPoolForResource(ResourceType.Core.HEAP)
                .getSize();
    }

    private static Cache<Object, Object> cache(IsolatedCommandSide app, String name) {
        return app.bean(CacheManager.class).getCache(name, Object.class, Object.class);
    }
}
