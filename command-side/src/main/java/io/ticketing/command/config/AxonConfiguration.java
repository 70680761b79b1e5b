package io.ticketing.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Aggregate caching: an aggregate's state is kept between commands instead of being re-read from the event
 * store. A bounded heap cache (Ehcache 3, entries held by reference) rather than Axon's WeakReferenceCache:
 * weak entries are cleared by the next garbage collection, so under load nearly every command re-read the
 * aggregate's whole history (a user's quota grows by two events per hold and release). A rolled-back unit of
 * work evicts the aggregates it touched, so a stale entry (another instance appended) costs one 409, then
 * the aggregate is read afresh. The caches are bounded by entry counts sized from the heap
 * ({@link AggregateCacheSizing}): with fixed counts, a 1 GiB command side ran out of memory under a large sale.
 * <p>
 * One cache per aggregate type, and every aggregate declares {@code filterEventsByType}: aggregates of all types
 * share one id space in the event store, so an id of one type sent where another is expected (a payment order id
 * as a reservation id) must find nothing, not another type's entry or events (that was a ClassCastException, a
 * 500). Each repository then only ever sees its own type: a foreign id is an AggregateNotFoundException, a 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregateCacheProperties.class)
public class AxonConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AxonConfiguration.class);

    @Bean
    public AggregateCacheSizing aggregateCacheSizing(AggregateCacheProperties properties) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        AggregateCacheSizing sizing = AggregateCacheSizing.of(properties, maxHeap);
        log.info("Aggregate caches: {} seats, {} bookings (about {} MiB when full, of a {} MiB heap)",
                sizing.seats(), sizing.booking(), sizing.bytesWhenFull() >> 20, maxHeap >> 20);
        return sizing;
    }

    /** Static: a bean factory post-processor must not wait for this configuration to be created. */
    @Bean
    public static AggregateEventTypeFilter aggregateEventTypeFilter() {
        return new AggregateEventTypeFilter();
    }

    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /** Seats: one entry per seat in use (held, sold or released), entered by the first command on it. */
    @Bean
    public Cache seatCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return new CreationBypassingCache(heapCache(aggregateCacheManager, "seats", sizing.seats()));
    }

    /** Reservations, hold quotas and payment orders share the booking budget, a third each. */
    @Bean
    public Cache reservationCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return heapCache(aggregateCacheManager, "reservations", sizing.bookingPerType());
    }

    @Bean
    public Cache holdQuotaCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return heapCache(aggregateCacheManager, "hold-quotas", sizing.bookingPerType());
    }

    @Bean
    public Cache paymentOrderCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return heapCache(aggregateCacheManager, "payment-orders", sizing.bookingPerType());
    }

    private static Cache heapCache(CacheManager manager, String name, long entries) {
        org.ehcache.Cache<Object, Object> cache = manager.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new EhCache3Adapter((Ehcache<?, ?>) cache);
    }
}
