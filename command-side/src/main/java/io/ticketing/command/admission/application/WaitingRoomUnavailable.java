package io.ticketing.command.admission.application;

/** Redis cannot be reached: the waiting room cannot answer, and must not guess. */
public class WaitingRoomUnavailable extends RuntimeException {
    public WaitingRoomUnavailable(Throwable cause) {
        super("the waiting room cannot be reached: " + cause.getMessage(), cause);
    }
}
