package io.ticketing.command.reservation.application;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The deadline manager of the booking: Axon's db-scheduler manager, except that cancelling a hold's expiry
 * never fails the command that ended the hold.
 *
 * <p>A release or a purchase can race the expiry that db-scheduler has just picked up. db-scheduler then
 * refuses the cancel ({@link TaskInstanceCurrentlyExecutingException}); Axon's manager lets that through at
 * prepare-commit, so the release was rolled back and answered 500 (seen in {@code OversellRaceTest}). Losing
 * that race is harmless: the running expiry finds the hold already ended and changes nothing. Other failures
 * still fail the command, as before.
 */
final class BestEffortExpiryCancellation implements DeadlineManager {
    private static final Logger log = LoggerFactory.getLogger(BestEffortExpiryCancellation.class);

    private final DeadlineManager deadlines;
    private final SchedulerClient scheduler;

    BestEffortExpiryCancellation(DeadlineManager deadlines, SchedulerClient scheduler) {
        this.deadlines = deadlines;
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        if (CurrentUnitOfWork.isStarted()) {
            // Like Axon's manager: the cancel belongs to the command's commit, not to its handling.
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> cancel(scheduleId));
        } else {
            cancel(scheduleId);
        }
    }

    private void cancel(String scheduleId) {
        try {
            scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException | ExecutionException e) {
            // ExecutionException: the row was there when db-scheduler looked and gone when it deleted it ("removed 0"):
            // the expiry was picked and finished in between, the same harmless race (seen in OversellRaceTest).
            log.debug("Hold expiry {} left to run ({}): it will find the hold ended", scheduleId, e.getClass().getSimpleName());
        }
    }

    // The other schedule and cancel overloads are DeadlineManager's defaults, which end in these two, as they
    // do in Axon's manager.
    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return deadlines.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
    }

    @Override
    public void cancelAll(String deadlineName) {
        deadlines.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        deadlines.cancelAllWithinScope(deadlineName, scope);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor) {
        return deadlines.registerDispatchInterceptor(interceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> interceptor) {
        return deadlines.registerHandlerInterceptor(interceptor);
    }
}
