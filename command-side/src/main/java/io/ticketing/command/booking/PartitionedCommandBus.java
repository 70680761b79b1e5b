package io.ticketing.command.booking;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.monitoring.MessageMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The application's command bus. Booking commands go to the writer of their schedule ({@link CommandPartitioner}),
 * which commits them in batches ({@link GroupCommit}); every other command runs on the caller's thread through a
 * plain {@link SimpleCommandBus}, as before. Dispatch interceptors run once, on the caller's thread, before
 * routing; handler interceptors (correlation data among them) run for every command on either path.
 */
public class PartitionedCommandBus implements CommandBus {
    private final SimpleCommandBus direct;
    private final CommandPartitioner partitioner;
    private final MessageMonitor<? super CommandMessage<?>> monitor;
    private final List<BookingWriter> writers;
    private final Map<String, MessageHandler<? super CommandMessage<?>>> handlers = new ConcurrentHashMap<>();
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> dispatchInterceptors = new CopyOnWriteArrayList<>();
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> handlerInterceptors = new CopyOnWriteArrayList<>();

    public PartitionedCommandBus(SimpleCommandBus direct, CommandPartitioner partitioner,
                                 TransactionManager transactions,
                                 MessageMonitor<? super CommandMessage<?>> monitor, int maxBatch,
                                 ThreadFactory threads, GroupCommit.BatchListener listener) {
        this.direct = direct;
        this.partitioner = partitioner;
        this.monitor = monitor;
        GroupCommit commit = new GroupCommit(transactions, handlerInterceptors, listener);
        List<BookingWriter> started = new ArrayList<>();
        for (int i = 0; i < partitioner.partitions(); i++) {
            started.add(new BookingWriter(commit, maxBatch, threads));
        }
        this.writers = List.copyOf(started);
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> {
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        CommandMessage<C> intercepted = intercept(command);
        int partition = partitioner.partitionOf(intercepted);
        MessageHandler<? super CommandMessage<?>> handler = handlers.get(intercepted.getCommandName());
        if (partition >= 0 && handler != null) {
            PendingCommand pending = new PendingCommand((CommandMessage<Object>) intercepted, handler,
                    (CommandCallback<Object, Object>) callback, monitor.onMessageIngested(intercepted));
            if (writers.get(partition).submit(pending)) {
                return;
            }
        }
        direct.dispatch(intercepted, callback);
    }

    @SuppressWarnings("unchecked")
    private <C> CommandMessage<C> intercept(CommandMessage<C> command) {
        CommandMessage<C> message = command;
        for (MessageDispatchInterceptor<? super CommandMessage<?>> interceptor : dispatchInterceptors) {
            message = (CommandMessage<C>) interceptor.handle(message);
        }
        return message;
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        Registration registration = direct.subscribe(commandName, handler);
        handlers.put(commandName, handler);
        return () -> {
            handlers.remove(commandName, handler);
            return registration.cancel();
        };
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
        dispatchInterceptors.add(interceptor);
        return () -> dispatchInterceptors.remove(interceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        handlerInterceptors.add(interceptor);
        Registration onDirect = direct.registerHandlerInterceptor(interceptor);
        return () -> {
            onDirect.cancel();
            return handlerInterceptors.remove(interceptor);
        };
    }

    /** Commands queued and not yet decided, over all writers (a gauge). */
    public int queued() {
        return writers.stream().mapToInt(BookingWriter::queued).sum();
    }

    /** Decides what is queued, then stops the writers; commands sent later run on the caller's thread. */
    public void shutdown() {
        writers.forEach(BookingWriter::stop);
    }
}
