package io.ticketing.command.overload.application;

/**
 * What the waiting room's rate control reads from the edge: running totals since start-up, so that any number of
 * readers can take differences over their own intervals.
 */
public interface OverloadSignals {
    /** Command requests refused because no slot was free in time. */
    long shed();

    /** Command requests that got a slot and were answered. */
    long accepted();

    /** Of those, the ones answered later than the latency target. */
    long slow();
}
