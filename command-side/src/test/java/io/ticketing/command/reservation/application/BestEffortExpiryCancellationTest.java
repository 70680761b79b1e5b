package io.ticketing.command.reservation.application;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure logic of the booking's deadline manager, with stand-ins for db-scheduler and Axon's manager. */
class BestEffortExpiryCancellationTest {
    private final List<TaskInstanceId> cancelled = new ArrayList<>();
    private final List<String> delegated = new ArrayList<>();

    @Test
    void anExpiryThatIsRunningRightNowDoesNotFailTheCommandThatEndedTheHold() {
        DeadlineManager deadlines = new BestEffortExpiryCancellation(axonManager(), scheduler(id -> {
            throw new TaskInstanceCurrentlyExecutingException(id.getTaskName(), id.getId());
        }));
        UnitOfWork<?> releasing = DefaultUnitOfWork.startAndGet(null);

        deadlines.cancelSchedule("hold-expiry", "expiry-1");
        assertThat(cancelled).as("cancelled only when the command commits").isEmpty();
        releasing.commit();

        assertThat(cancelled).containsExactly(new DbSchedulerDeadlineToken("expiry-1"));
    }

    @Test
    void anExpiryThatFinishedWhileBeingCancelledDoesNotFailTheCommandThatEndedTheHold() {
        DeadlineManager deadlines = new BestEffortExpiryCancellation(axonManager(), scheduler(id -> {
            throw new ExecutionException("Expected one execution to be removed, but removed 0. Indicates a bug.",
                    new Execution(Instant.parse("2026-12-02T10:00:00Z"), new TaskInstance<>(id.getTaskName(), id.getId())));
        }));
        UnitOfWork<?> releasing = DefaultUnitOfWork.startAndGet(null);

        deadlines.cancelSchedule("hold-expiry", "expiry-4");
        releasing.commit();

        assertThat(cancelled).containsExactly(new DbSchedulerDeadlineToken("expiry-4"));
    }

    @Test
    void outsideACommandTheCancelHappensAtOnce() {
        DeadlineManager deadlines = new BestEffortExpiryCancellation(axonManager(), scheduler(id -> { }));

        deadlines.cancelSchedule("hold-expiry", "expiry-2");

        assertThat(cancelled).containsExactly(new DbSchedulerDeadlineToken("expiry-2"));
    }

    @Test
    void anyOtherFailureStillFailsTheCommand() {
        DeadlineManager deadlines = new BestEffortExpiryCancellation(axonManager(), scheduler(id -> {
            throw new IllegalStateException("database away");
        }));
        UnitOfWork<?> releasing = DefaultUnitOfWork.startAndGet(null);
        deadlines.cancelSchedule("hold-expiry", "expiry-3");

        assertThatThrownBy(releasing::commit).hasMessageContaining("database away");
    }

    @Test
    void schedulingIsAxonsManagersJob() {
        DeadlineManager deadlines = new BestEffortExpiryCancellation(axonManager(), scheduler(id -> { }));

        String id = deadlines.schedule(Instant.parse("2026-12-02T10:00:00Z"), "hold-expiry", "payload", () -> "reservation r-1");

        assertThat(id).isEqualTo("scheduled-by-axon");
        assertThat(delegated).containsExactly("schedule");
    }

    private SchedulerClient scheduler(Consumer<TaskInstanceId> onCancel) {
        return (SchedulerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{SchedulerClient.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("cancel")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    TaskInstanceId id = (TaskInstanceId) args[0];
                    cancelled.add(id);
                    onCancel.accept(id);
                    return null;
                });
    }

    private DeadlineManager axonManager() {
        return (DeadlineManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DeadlineManager.class},
                (proxy, method, args) -> {
                    delegated.add(method.getName());
                    return method.getName().equals("schedule") ? "scheduled-by-axon" : null;
                });
    }
}
