package io.ticketing.command.config;

/**
 * Entries per aggregate cache, from the heap the JVM may use. Ehcache can bound a heap tier in bytes, but only by
 * walking every entry's object graph on each put (its sizeOf engine: deprecated, reflective access that Java 17
 * refuses for JDK internals without --add-opens, and CPU on the hot path); a count derived from measured bytes
 * per entry bounds the heap as well at no cost per command. Measured on the local run's command side
 * (-Xmx1g, jcmd GC.run + GC.heap_info): idle 37 MiB live; after two 20,000-seat concerts and 6,000 holds and
 * releases, 46,062 cached aggregates (40,000 seats, 6,062 reservations and quotas) and 79 MiB live, so about
 * 0.95 KiB per cached aggregate with everything it keeps alive (the class histogram: Ehcache holder and node,
 * Axon's EventSourcedAggregate, AggregateCacheEntry and event list, the aggregate, its ids); 1 KiB is used.
 *
 * @param seats   Seat aggregates to keep
 * @param booking reservations, hold quotas and payment orders to keep
 */
public record AggregateCacheSizing(long seats, long booking) {
    /** Heap per cached Seat with Axon's entry and Ehcache's bookkeeping (measured: see the class comment). */
    public static final long SEAT_ENTRY_BYTES = 1_024;
    /** Heap per cached reservation, hold quota or payment order (measured: see the class comment). */
    public static final long BOOKING_ENTRY_BYTES = 1_024;
    /** Seats take two thirds of the caches' budget: a sale has far more seats than open bookings. */
    private static final double SEAT_SHARE = 2.0 / 3.0;
    /** Never fewer: below this the cache stops paying for itself on a normal hold and release. */
    private static final long MINIMUM_ENTRIES = 1_000;

    public static AggregateCacheSizing of(AggregateCacheProperties properties, long maxHeapBytes) {
        double budget = maxHeapBytes * properties.heapShare();
        long seats = properties.seats() > 0 ? properties.seats()
                : Math.max(MINIMUM_ENTRIES, (long) (budget * SEAT_SHARE / SEAT_ENTRY_BYTES));
        long booking = properties.booking() > 0 ? properties.booking()
                : Math.max(MINIMUM_ENTRIES, (long) (budget * (1 - SEAT_SHARE) / BOOKING_ENTRY_BYTES));
        return new AggregateCacheSizing(seats, booking);
    }

    /** Entries in each of the three booking caches (reservations, hold quotas, payment orders). */
    public long bookingPerType() {
        return Math.max(1, booking / 3);
    }

    /** The heap both caches take when full. */
    public long bytesWhenFull() {
        return seats * SEAT_ENTRY_BYTES + booking * BOOKING_ENTRY_BYTES;
    }
}
