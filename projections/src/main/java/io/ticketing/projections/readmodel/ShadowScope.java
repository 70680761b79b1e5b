package io.ticketing.projections.readmodel;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ThreadFactory;

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

    /** Daemon threads ({@code name-1}, {@code name-2}, …) whose whole life runs in the shadow scope. */
    public static ThreadFactory threadFactory(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-") {
            @Override
            public Thread newThread(Runnable runnable) {
                return super.newThread(() -> {
                    ACTIVE.set(true);
                    runnable.run();
                });
            }
        };
        threads.setDaemon(true);
        return threads;
    }
}
