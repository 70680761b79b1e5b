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
 * the aggregate is read afresh. Both caches are bounded by entry counts sized from the heap
 * ({@link AggregateCacheSizing}): with fixed counts, a 1 GiB command side ran out of memory under a large sale.
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

    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /** Seats: one entry per seat of every schedule on sale. */
    @Bean
    public Cache seatCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return heapCache(aggregateCacheManager, "seats", sizing.seats());
    }

    /** Reservations, hold quotas and payment orders. */
    @Bean
    public Cache bookingCache(CacheManager aggregateCacheManager, AggregateCacheSizing sizing) {
        return heapCache(aggregateCacheManager, "booking", sizing.booking());
    }

    private static Cache heapCache(CacheManager manager, String name, long entries) {
        org.ehcache.Cache<Object, Object> cache = manager.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new EhCache3Adapter((Ehcache<?, ?>) cache);
    }
}
