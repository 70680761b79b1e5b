package io.ticketing.command.admission.application;

import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A purchase ends the buyer's admission early and frees the slot, so the next person in line can come in.
 * A hold that is released or runs out does not: the admission is the user's shopping session (bounded by
 * {@code ticketing.queue.admission-ttl}), and someone who lets go of seats to pick others must not be sent
 * back to the end of the line. (A refund comes after a confirmation, whose slot is already free; releasing
 * again would end an admission the user may have obtained since.)
 *
 * <p>It runs in the reservation process's processor, which reads every event from Kafka anyway, rather than
 * in a tracking processor of its own that would read the event store again and commit a token per batch.
 * Freeing the slot early is a courtesy to the line, not a promise: if Redis does not answer, the slot frees
 * when the admission's TTL ends, and confirmations never wait for Redis.
 */
@Component
@ProcessingGroup(AdmissionSlots.PROCESSING_GROUP)
public class AdmissionSlots {
    /** The reservation process's processor (the Kafka topic). */
    public static final String PROCESSING_GROUP = "reservation-process";
    private static final Logger log = LoggerFactory.getLogger(AdmissionSlots.class);

    private final RedisWaitingRoom waitingRoom;

    public AdmissionSlots(RedisWaitingRoom waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    @EventHandler
    void on(ReservationConfirmed event) {
        try {
            waitingRoom.release(event.scheduleId().value(), event.userId().value());
        } catch (RuntimeException redisDown) {
            log.warn("Admission slot of {} on {} not freed now (Redis: {}); it frees when the admission ends",
                    event.userId().value(), event.scheduleId().value(), redisDown.toString());
        }
    }
}
