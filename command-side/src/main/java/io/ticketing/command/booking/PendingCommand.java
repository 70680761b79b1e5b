package io.ticketing.command.booking;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.monitoring.MessageMonitor;

/** A command waiting for its writer, with whom to answer once its batch has committed (or failed). */
record PendingCommand(CommandMessage<Object> message, MessageHandler<? super CommandMessage<?>> handler,
                      CommandCallback<Object, Object> callback, MessageMonitor.MonitorCallback monitor) {

    void answer(CommandResultMessage<?> result) {
        if (result.isExceptional()) {
            monitor.reportFailure(result.exceptionResult());
        } else {
            monitor.reportSuccess();
        }
        @SuppressWarnings("unchecked")
        CommandResultMessage<Object> typed = (CommandResultMessage<Object>) result;
        callback.onResult(message, typed);
    }
}
