package io.ticketing.command.admission.application;

import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A purchase ends the buyer's admission early and frees the slot, so the next person in line can come in.
 * A hold that is released or runs out does not: the admission is the user's shopping session (bounded by
 * {@code ticketing.queue.admission-ttl}), and someone who lets go of seats to pick others must not be sent
 * back to the end of the line. (A refund comes after a confirmation, whose slot is already free; releasing
 * again would end an admission the user may have obtained since.) Runs on its own tracking processor: if
 * Redis is down, it retries.
 */
@Component
@ProcessingGroup(AdmissionSlots.PROCESSING_GROUP)
public class AdmissionSlots {
    public static final String PROCESSING_GROUP = "admission-slots";

    private final RedisWaitingRoom waitingRoom;

    public AdmissionSlots(RedisWaitingRoom waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    @EventHandler
    void on(ReservationConfirmed event) {
        waitingRoom.release(event.scheduleId().value(), event.userId().value());
    }
}
