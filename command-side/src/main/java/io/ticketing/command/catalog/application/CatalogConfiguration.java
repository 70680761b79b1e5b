package io.ticketing.command.catalog.application;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The concert creation jobs' wiring: their db-scheduler task and the interceptor that records their progress. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    /**
     * One execution per job (instance = job id). A dead execution — its instance stopped heartbeating — is revived
     * and resumes the job wherever it stood; an execution that threw (the job table unreachable, say) is tried again
     * later. A job's own failure is no failure of the task: the job says FAILED and the execution is removed.
     */
    @Bean
    public Task<Void> concertCreationJobTask(ConcertCreationJobs jobs, CatalogProperties properties) {
        return Tasks.custom(properties.jobTaskName(), Void.class)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(10)))
                .execute(jobs::execute);
    }

    /**
     * Stores a job step's progress in the step's transaction. A bean: Axon's {@code InterceptorAutoConfiguration}
     * registers every command handler interceptor bean on the command bus.
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> concertJobProgressInTransaction(ConcertCreationJobs jobs) {
        return jobs.progressInTransaction();
    }
}
