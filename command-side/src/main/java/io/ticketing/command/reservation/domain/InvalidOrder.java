package io.ticketing.command.reservation.domain;

/** The order itself is malformed: no seats, too many, or a seat named twice. */
public class InvalidOrder extends RuntimeException {
    public InvalidOrder(String message) {
        super(message, null, false, false);
    }
}
