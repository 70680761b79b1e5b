package io.ticketing.projections.readmodel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks the threads of a rebuild: every connection they take from the read side's data source points
 * at the shadow database, so the same projection code writes into shadow tables while the live ones
 * keep serving queries.
 */
public final class ShadowScope {
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private ShadowScope() {
    }

    public static boolean active() {
        return ACTIVE.get();
    }

    /** Threads whose whole life runs in the shadow scope. */
    public static ThreadFactory threadFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(() -> {
                ACTIVE.set(true);
                runnable.run();
            }, name + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
