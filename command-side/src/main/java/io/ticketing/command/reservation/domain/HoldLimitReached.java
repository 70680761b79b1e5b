package io.ticketing.command.reservation.domain;

/** The user already has as many active holds on this schedule as allowed. */
public class HoldLimitReached extends RuntimeException {
    public HoldLimitReached(int limit) {
        super("You already have " + limit + " active hold(s) on this schedule; pay for or cancel it first.", null, false, false);
    }
}
