package io.ticketing.command.reservation.application;

import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.command.payment.domain.PaymentNotCompleted;
import io.ticketing.command.reservation.domain.ReservationNotFound;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reservation process: reads {@code PaymentCompleted} from the Kafka topic (not an in-JVM shortcut, so the
 * confirmation is asynchronous and survives restarts through its token) and confirms the reservation, or
 * has the payment refunded when the hold already ended. Redelivery is harmless: confirmation is idempotent.
 */
@ProcessingGroup(ReservationProcess.PROCESSING_GROUP)
public class ReservationProcess {
    public static final String PROCESSING_GROUP = "reservation-process";

    private static final Logger log = LoggerFactory.getLogger(ReservationProcess.class);

    private final CommandGateway commands;

    public ReservationProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    public void on(PaymentCompleted event) {
        try {
            commands.sendAndWait(new ConfirmReservation(event.reservationId(), event.paymentOrderId(), event.amount()));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ReservationNotFound) {
                    // A payment order is only ever opened for an existing reservation, so this cannot heal by
                    // retrying; it must not stop every later confirmation behind it either.
                    log.warn("PaymentCompleted {} names unknown reservation {}; skipped", event.paymentOrderId(), event.reservationId());
                    return;
                }
                if (t instanceof PaymentNotCompleted) {
                    // The payment order never completed this payment: the record was not written by it (forged or
                    // mismatched). Retrying cannot make it true, and it must not block the confirmations behind it.
                    log.error("PaymentCompleted {} for reservation {} refused: {}", event.paymentOrderId(),
                            event.reservationId(), t.getMessage());
                    return;
                }
            }
            throw e; // anything else is retried by the processor: a paid order is never dropped
        }
    }
}
