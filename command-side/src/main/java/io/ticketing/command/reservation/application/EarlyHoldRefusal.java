package io.ticketing.command.reservation.application;

import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.command.reservation.domain.SeatHoldHints;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The one early refusal of a hold, as a dispatch interceptor of the command bus (registered in
 * {@link BookingConfiguration}): it runs once per {@link HoldSeats}, on the sender's thread, before the command is
 * queued for a booking writer, so a hold that this instance already knows to be hopeless is refused
 * ({@code SeatsUnavailable}, thrown to the sender) without a queue, lock or transaction. The handler does not repeat it.
 */
final class EarlyHoldRefusal implements MessageDispatchInterceptor<CommandMessage<?>> {
    private final SeatHoldHints hints;

    EarlyHoldRefusal(SeatHoldHints hints) {
        this.hints = hints;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            if (message.getPayload() instanceof HoldSeats hold) {
                hints.refuseIfHopeless(hold);
            }
            return message;
        };
    }
}
