package io.ticketing.command.booking;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfiguration;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Decides a batch of commands one after another and commits all their events in one transaction: one root unit
 * of work holds the transaction, each command runs in a unit of work nested in it, and Axon moves a committed
 * nested unit of work's events to the root, so the root's commit is one {@code appendEvents}, one JDBC batch, one
 * COMMIT. Nobody is answered before that commit.
 * <p>
 * A refusal that applied nothing is an answer, not a failure: its nested unit of work commits (nothing), so the
 * aggregates it loaded stay cached and the rest of the batch goes on. Anything else — a command that failed after
 * applying events (a managed aggregate may be half-changed), a failed commit (another instance appended first, the
 * database, the transaction limit) — rolls the whole batch back, which evicts what it loaded, and then every command
 * runs again alone, on fresh state, and is answered by that run: exactly what a command run on its own answers.
 */
class GroupCommit {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Axon's event bus keeps a unit of work's queued events under a resource key of its own ending in this. */
    private static final String EVENTS_KEY_SUFFIX = "_EVENTS";
    /** Each conflict evicts what it found stale, so a few runs reach the store's state; then the conflict is the answer. */
    private static final int CONFLICT_RETRIES = 3;

    private final TransactionManager transactions;
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors;
    private final BatchListener listener;

    /** What happened to a batch, for metrics and tests. */
    interface BatchListener {
        BatchListener NONE = new BatchListener() {
        };

        default void committed(int commands) {
        }

        default void retriedAlone(int commands, Throwable cause) {
        }
    }

    GroupCommit(TransactionManager transactions, List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors,
                BatchListener listener) {
        this.transactions = transactions;
        this.interceptors = interceptors;
        this.listener = listener;
    }

    void run(List<PendingCommand> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<CommandResultMessage<?>> results = new ArrayList<>(batch.size());
        List<PendingCommand> again = new ArrayList<>();
        UnitOfWork<CommandMessage<?>> root = DefaultUnitOfWork.startAndGet(batch.get(0).message());
        Throwable poisoned = null;
        try {
            root.attachTransaction(transactions);
            for (PendingCommand command : batch) {
                Decision decision = decide(command);
                if (decision.poisoned != null) {
                    poisoned = decision.poisoned;
                    break;
                }
                results.add(decision.result);
                if (decision.result.isExceptional() && lockFailure(decision.result.exceptionResult())) {
                    again.add(command);
                }
            }
        } catch (Throwable e) {
            poisoned = e;
        }
        if (poisoned != null) {
            rollBack(root, poisoned);
            retryAlone(batch, poisoned);
            return;
        }
        try {
            root.commit();
        } catch (Throwable e) {
            // commit() rolled the root back already, and with it every nested unit of work (caches evicted)
            retryAlone(batch, e);
            return;
        }
        listener.committed(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!again.contains(batch.get(i))) {
                batch.get(i).answer(results.get(i));
            }
        }
        // A lock taken by another writer's open batch; that batch has committed or will, so waiting alone is safe.
        again.forEach(this::alone);
    }

    private record Decision(CommandResultMessage<?> result, Throwable poisoned) {
    }

    private Decision decide(PendingCommand command) {
        UnitOfWork<CommandMessage<?>> nested = DefaultUnitOfWork.startAndGet(command.message());
        ResultMessage<?> result = nested.executeWithResult(
                new DefaultInterceptorChain<>(nested, interceptors, command.handler())::proceed, appliedSomething(nested));
        if (nested.isRolledBack()) {
            return new Decision(null, result.isExceptional() ? result.exceptionResult() : new IllegalStateException("rolled back"));
        }
        return new Decision(asCommandResultMessage(result), null);
    }

    /**
     * One command in a transaction of its own, answered with whatever that gives (as a plain command bus would),
     * except that a conflict with another instance's write is decided again (up to three times): its rollback
     * evicted the stale aggregates, so the next run reads what the store holds.
     */
    private void alone(PendingCommand command) {
        CommandResultMessage<?> result = once(command);
        for (int again = 0; again < CONFLICT_RETRIES && result.isExceptional() && conflict(result.exceptionResult()); again++) {
            result = once(command);
        }
        if (!result.isExceptional()) {
            listener.committed(1);
        }
        command.answer(result);
    }

    private CommandResultMessage<?> once(PendingCommand command) {
        CommandResultMessage<?> result;
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command.message());
        try {
            unitOfWork.attachTransaction(transactions);
        } catch (Throwable e) {
            rollBack(unitOfWork, e);
            return asCommandResultMessage(e);
        }
        try {
            result = asCommandResultMessage(unitOfWork.executeWithResult(
                    new DefaultInterceptorChain<>(unitOfWork, interceptors, command.handler())::proceed,
                    appliedSomething(unitOfWork)));
        } catch (Throwable e) {
            result = asCommandResultMessage(e);
        }
        return result;
    }

    private static boolean conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private void retryAlone(List<PendingCommand> batch, Throwable cause) {
        log.debug("A batch of {} commands rolled back; each runs again alone", batch.size(), cause);
        listener.retriedAlone(batch.size(), cause);
        batch.forEach(this::alone);
    }

    /**
     * Roll back only a unit of work that queued events: a refusal that applied nothing leaves every aggregate as
     * it was, and rolling back would evict them all from the caches for nothing (most decisions in a sale are
     * refusals).
     */
    private static RollbackConfiguration appliedSomething(UnitOfWork<?> unitOfWork) {
        return cause -> queuedEvents(unitOfWork) || cause instanceof Error;
    }

    static boolean queuedEvents(UnitOfWork<?> unitOfWork) {
        for (Map.Entry<String, Object> resource : unitOfWork.resources().entrySet()) {
            if (resource.getKey().endsWith(EVENTS_KEY_SUFFIX) && resource.getValue() instanceof List<?> events
                    && !events.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean lockFailure(Throwable e) {
        return e instanceof DeadlockException || e instanceof LockAcquisitionFailedException;
    }

    private static void rollBack(UnitOfWork<?> unitOfWork, Throwable cause) {
        try {
            if (unitOfWork.isActive() && unitOfWork.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
                unitOfWork.rollback(cause);
            }
        } catch (RuntimeException e) {
            log.warn("Rolling back a batch failed", e);
        }
    }
}
