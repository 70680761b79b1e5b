package io.ticketing.command.admission.application;

import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A reservation that ends (confirmed, released, expired, refunded) frees its user's admission slot, so the
 * next person in line can come in. Runs on its own tracking processor: if Redis is down, it retries.
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

    @EventHandler
    void on(ReservationCancelled event) {
        waitingRoom.release(event.scheduleId().value(), event.userId().value());
    }

    @EventHandler
    void on(ReservationExpired event) {
        waitingRoom.release(event.scheduleId().value(), event.userId().value());
    }

    @EventHandler
    void on(ReservationRefunded event) {
        waitingRoom.release(event.scheduleId().value(), event.userId().value());
    }
}
