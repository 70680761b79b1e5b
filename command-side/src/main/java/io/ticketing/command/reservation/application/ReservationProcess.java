package io.ticketing.command.reservation.application;

import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.reservation.ConfirmReservation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The reservation process: reads {@code PaymentCompleted} from the Kafka topic (not an in-JVM shortcut, so the
 * confirmation is asynchronous and survives restarts through its token) and confirms the reservation, or
 * has the payment refunded when the hold already ended. Redelivery is harmless: confirmation is idempotent.
 */
@ProcessingGroup(ReservationProcess.PROCESSING_GROUP)
public class ReservationProcess {
    public static final String PROCESSING_GROUP = "reservation-process";

    private final CommandGateway commands;

    public ReservationProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    public void on(PaymentCompleted event) {
        commands.sendAndWait(new ConfirmReservation(event.reservationId(), event.paymentOrderId(), event.amount()));
    }
}
