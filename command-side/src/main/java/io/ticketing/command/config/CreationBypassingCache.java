package io.ticketing.command.config;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The seat cache, minus the seats a concert creation makes: a seat enters the cache when a command first uses it, not
 * when it is created. Caching at creation made every new seat of a concert (up to 100,000 in one request) live until
 * the cache evicted it, so each young collection during a creation copied them all into the old generation, and a
 * new concert pushed the seats of the sale going on out of the cache (docs/benchmarks.md, issue 19). A unit of work
 * marks itself with {@link #skipCaching()}; its puts are dropped, everything else is the delegate's.
 */
public final class CreationBypassingCache implements Cache {
    private static final String SKIP = CreationBypassingCache.class.getName() + ".skip";

    private final Cache delegate;

    public CreationBypassingCache(Cache delegate) {
        this.delegate = delegate;
    }

    /** Called by a command handler whose new aggregates should not be cached (it runs in that unit of work). */
    public static void skipCaching() {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.resources().put(SKIP, Boolean.TRUE));
    }

    private static boolean skipping() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getResource(SKIP) != null;
    }

    @Override
    public <K, V> V get(K key) {
        return delegate.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (!skipping()) {
            delegate.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return !skipping() && delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return skipping() ? valueSupplier.get() : delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }
}
