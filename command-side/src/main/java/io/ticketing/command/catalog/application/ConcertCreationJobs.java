package io.ticketing.command.catalog.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.api.catalog.RegisterConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Creation jobs for concerts too large for one transaction. A job appends the seats in batches ({@link CreateSeats},
 * one transaction each, so the heap holds one batch's aggregates at a time), then the concert ({@link RegisterConcert}).
 * All or nothing as far as anyone can see or buy: the concert, its schedules and their waiting rooms come from
 * {@code ConcertCreated}, the last event, and the schedule ids are told only once it is stored. A job that fails
 * leaves seats nobody can reach (no schedule of theirs is ever listed or admitted to) and says FAILED.
 * <p>
 * Durable (issue 19, point 2): a job is a row of {@code concert_creation_job} in the event-store database — its
 * request, batch size, status and progress — and a db-scheduler one-time task ({@code ticketing.catalog.job-task-name},
 * instance = job id) in {@code scheduled_tasks}, both written in the transaction that accepts it. Every instance
 * answers a job's status from the row. The task runs on whichever instance picks it; while it runs, db-scheduler
 * heartbeats it, and when an instance dies mid-job (kill -9, a crash) its execution goes stale and is revived by the
 * first instance that notices it ({@code db-scheduler.heartbeat-interval} × {@code missed-heartbeats-limit}), the
 * restarted one or another. The resumed job starts at the first batch not stored: each step's progress
 * ({@code steps_done}, {@code seats_created}, and COMPLETED for the last step) is written by
 * {@link #progressInTransaction()} in the unit of work of the step's command, so in the transaction of its events,
 * guarded by the previous {@code steps_done}. A batch is therefore stored and counted together or not at all, and
 * a second execution of the same step (a stale execution revived while its instance still lived) rolls back instead
 * of storing a seat twice. A graceful shutdown (the context closing, or db-scheduler stopping) stops a job between
 * two batches, or after a step that failed meanwhile, and hands it back to the scheduler, RUNNING, to be resumed.
 * <p>
 * One job runs at a time per instance, on one db-scheduler thread: a creation is bulk work for the event store, and
 * two at once would only share its throughput while competing with the sale. A job picked while this instance runs
 * another is put back for {@link #BUSY_RETRY}, so waiting jobs start roughly, not strictly, in the order they were
 * accepted. At most {@code maxQueuedJobs} may wait (QUEUED, counted over all instances; two submissions at the same
 * moment can both pass the count); a finished job is readable for {@code jobRetention}, and its row is deleted after
 * that by the next submission.
 */
@Component
public class ConcertCreationJobs implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConcertCreationJobs.class);
    /** A step that failed is tried this many times in all (a write timeout on a busy store is worth a retry). */
    private static final int ATTEMPTS = 3;
    /** How long a job picked while this instance runs another waits before it is picked again (by any instance). */
    static final Duration BUSY_RETRY = Duration.ofSeconds(2);
    /** Metadata of a job's command: which job and which step it is, for {@link #progressInTransaction()}. */
    static final String JOB_ID = "ticketing.concert-job";
    static final String JOB_STEP = "ticketing.concert-job-step";

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    /**
     * What {@code GET /api/admin/concert-jobs/{jobId}} answers. {@code scheduleIds} is null until COMPLETED.
     */
    public record JobResponse(String jobId, String concertId, Status status, long seatsTotal, long seatsCreated,
                              double progress, List<String> scheduleIds, String error, Instant acceptedAt,
                              Instant finishedAt) {
    }

    private final CommandGateway commandGateway;
    private final CatalogProperties properties;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set when the context begins to close, before Axon's components stop: a running job then stops and is resumed. */
    private volatile boolean closing;
    private volatile boolean started;

    public ConcertCreationJobs(CommandGateway commandGateway, CatalogProperties properties, JdbcTemplate jdbc,
                               ObjectMapper json, PlatformTransactionManager transactionManager,
                               ObjectProvider<SchedulerClient> scheduler) {
        this.commandGateway = commandGateway;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.scheduler = scheduler;
    }

    /** Accepts a job: its row and its task in one transaction, or neither (503 when too many wait already). */
    JobResponse submit(RegisterConcert concert) {
        forgetOldJobs();
        long total = 0;
        for (SectionDetails section : concert.sections()) {
            total += (long) section.seatCount() * concert.schedules().size();
        }
        String jobId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String request = toJson(concert);
        long seatsTotal = total;
        transactions.executeWithoutResult(tx -> {
            Long waiting = jdbc.queryForObject("SELECT COUNT(*) FROM concert_creation_job WHERE status = ?",
                    Long.class, Status.QUEUED.name());
            if (waiting != null && waiting >= properties.maxQueuedJobs()) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "urn:ticketing:creation-busy",
                        "Too many concert creations", "Concert creations are queued up; send this one again later.",
                        Map.of("maxQueuedJobs", properties.maxQueuedJobs()));
            }
            jdbc.update("INSERT INTO concert_creation_job (job_id, concert_id, request, batch_seats, status, "
                            + "seats_total, seats_created, steps_done, accepted_at) VALUES (?,?,?,?,?,?,0,0,?)",
                    jobId, concert.concertId().value(), request, properties.batchSeats(), Status.QUEUED.name(),
                    seatsTotal, Timestamp.from(now));
            // db-scheduler's data source is transaction-aware (its Spring Boot starter wraps it): this joins the
            // transaction, so a job is never accepted without the task that runs it, nor the other way round.
            scheduler.getObject().schedule(new TaskInstance<Void>(properties.jobTaskName(), jobId), now);
        });
        return new JobResponse(jobId, concert.concertId().value(), Status.QUEUED, total, 0, total == 0 ? 1 : 0, null,
                null, now, null);
    }

    public Optional<JobResponse> find(String jobId) {
        Instant horizon = clock.instant().minus(properties.jobRetention());
        return jdbc.query("SELECT * FROM concert_creation_job WHERE job_id = ? AND (finished_at IS NULL OR finished_at >= ?)",
                (rs, n) -> stored(rs), jobId, Timestamp.from(horizon)).stream().findFirst().map(this::response);
    }

    /**
     * Creates the concert in batches within the caller's thread (a request of up to {@code sync-max-seats} seats):
     * the same steps as a job, so the unit of work never holds more than one batch. Nothing of it is recorded:
     * it lives and dies with its request.
     */
    void createNow(RegisterConcert concert) {
        for (CreateSeats batch : batches(concert, properties.batchSeats())) {
            send(batch);
        }
        send(concert);
    }

    /**
     * The db-scheduler task's body: runs (or resumes) the job on this thread, or puts it back when this instance is
     * running another one or shutting down.
     */
    CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        BooleanSupplier stopping = () -> closing || context.getSchedulerState().isShuttingDown();
        if (stopping.getAsBoolean()) {
            return later(Duration.ZERO);
        }
        if (!running.compareAndSet(false, true)) {
            return later(BUSY_RETRY);
        }
        try {
            boolean finished = run(instance.getId(), stopping);
            return finished ? new CompletionHandler.OnCompleteRemove<>() : later(Duration.ZERO);
        } finally {
            running.set(false);
        }
    }

    /** Stopped first (the highest phase) when the context closes, so a job leaves off before the bus it uses stops. */
    @Override
    public void start() {
        closing = false;
        started = true;
    }

    @Override
    public void stop() {
        closing = true;
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private CompletionHandler<Void> later(Duration delay) {
        return (complete, operations) -> operations.reschedule(complete, clock.instant().plus(delay));
    }

    /** True when the job is over (COMPLETED, FAILED or unknown); false when it was stopped to be resumed later. */
    private boolean run(String jobId, BooleanSupplier stopping) {
        Optional<Stored> found = load(jobId);
        if (found.isEmpty()) {
            log.warn("Concert creation job {} has a task but no row; dropped", jobId);
            return true;
        }
        Stored job = found.get();
        if (job.status == Status.COMPLETED || job.status == Status.FAILED) {
            return true;
        }
        jdbc.update("UPDATE concert_creation_job SET status = ? WHERE job_id = ? AND status = ?",
                Status.RUNNING.name(), jobId, Status.QUEUED.name());
        RegisterConcert concert = job.concert;
        List<CreateSeats> batches = batches(concert, job.batchSeats);
        int step = job.stepsDone;
        if (step > 0) {
            log.info("Concert creation job {} (concert {}) resumed at batch {} of {} ({} of {} seats stored)", jobId,
                    concert.concertId().value(), step + 1, batches.size(), job.seatsCreated, job.seatsTotal);
        }
        long started = System.nanoTime();
        int attempt = 1;
        while (step <= batches.size()) {
            if (stopping.getAsBoolean()) {
                log.info("Concert creation job {} stopped before step {} of {} (shutdown): it will be resumed", jobId,
                        step + 1, batches.size() + 1);
                return false;
            }
            Object command = step < batches.size() ? batches.get(step) : concert;
            try {
                commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(JOB_ID, jobId, JOB_STEP, step)));
                step++;
                attempt = 1;
            } catch (RuntimeException failure) {
                int stored = stepsDone(jobId);
                if (stored > step) {
                    // The step is stored although its sender was told otherwise (a lost answer to the COMMIT), or
                    // another execution of this job went on meanwhile: go on from what the row says.
                    log.info("Concert creation job {}: step {} found stored after a failure; going on from step {}",
                            jobId, step + 1, stored + 1, failure);
                    step = stored;
                    attempt = 1;
                    continue;
                }
                if (stopping.getAsBoolean()) {
                    log.info("Concert creation job {}: step {} failed during shutdown; it will be resumed", jobId,
                            step + 1, failure);
                    return false;
                }
                log.info("Concert creation step {} of job {} failed (attempt {} of {})",
                        command.getClass().getSimpleName(), jobId, attempt, ATTEMPTS, failure);
                if (attempt++ < ATTEMPTS) {
                    continue;
                }
                fail(job, step, failure);
                return true;
            }
        }
        log.info("Concert {} created by job {}: {} seats in {} ms", concert.concertId().value(), jobId, job.seatsTotal,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return true;
    }

    private void fail(Stored job, int step, RuntimeException failure) {
        long created = jdbc.queryForObject("SELECT seats_created FROM concert_creation_job WHERE job_id = ?",
                Long.class, job.jobId);
        // The message may name internals; the status says what failed, the log says why.
        String error = "the concert could not be created after " + created + " of " + job.seatsTotal
                + " seats; nothing of it is visible or on sale: send the request again";
        int failed = jdbc.update("UPDATE concert_creation_job SET status = ?, error = ?, finished_at = ? "
                        + "WHERE job_id = ? AND steps_done = ? AND status = ?",
                Status.FAILED.name(), error, Timestamp.from(clock.instant()), job.jobId, step, Status.RUNNING.name());
        if (failed == 0) {
            // Another execution of this job (a revived one) went on or finished meanwhile: its word stands.
            log.info("Concert creation job {}: step {} failed here, but the job moved on elsewhere", job.jobId,
                    step + 1, failure);
            return;
        }
        log.warn("Concert creation job {} (concert {}) failed after {} of {} seats", job.jobId,
                job.concert.concertId().value(), created, job.seatsTotal, failure);
    }

    /**
     * Records a job's step in the transaction of the step's command (registered on the command bus as a bean,
     * {@code CatalogConfiguration}): once the handler has succeeded, the {@code UPDATE} of the job's progress joins the
     * command's unit of work (prepare-commit), so it commits or rolls back with the command's events. The update is
     * guarded by the step before; if it finds nothing, that step was recorded already (by another execution of the
     * job), and the command fails rather than store its seats, or the concert, a second time. A command without the
     * job's metadata costs one look-up.
     */
    public MessageHandlerInterceptor<CommandMessage<?>> progressInTransaction() {
        return (unitOfWork, chain) -> {
            MetaData metaData = unitOfWork.getMessage().getMetaData();
            if (!(metaData.get(JOB_ID) instanceof String jobId) || !(metaData.get(JOB_STEP) instanceof Number step)) {
                return chain.proceed();
            }
            Object payload = unitOfWork.getMessage().getPayload();
            Object result = chain.proceed();
            unitOfWork.onPrepareCommit(u -> recordStep(jobId, step.intValue(), payload));
            return result;
        };
    }

    private void recordStep(String jobId, int step, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(jdbc.getDataSource())) {
            throw new IllegalStateException("A concert creation job's progress must be stored in its command's "
                    + "transaction, and there is none on this thread for the job table's data source");
        }
        int recorded;
        if (payload instanceof CreateSeats batch) {
            recorded = jdbc.update("UPDATE concert_creation_job SET steps_done = ?, seats_created = seats_created + ? "
                            + "WHERE job_id = ? AND steps_done = ? AND status = ?",
                    step + 1, batch.seatCount(), jobId, step, Status.RUNNING.name());
        } else {
            recorded = jdbc.update("UPDATE concert_creation_job SET steps_done = ?, status = ?, finished_at = ? "
                            + "WHERE job_id = ? AND steps_done = ? AND status = ?",
                    step + 1, Status.COMPLETED.name(), Timestamp.from(clock.instant()), jobId, step,
                    Status.RUNNING.name());
        }
        if (recorded == 0) {
            throw new IllegalStateException("Step " + (step + 1) + " of concert creation job " + jobId
                    + " is recorded already (or the job is not running): not stored twice");
        }
    }

    /** The job's batches, whole rows of one section of one schedule each, always cut the same way for one size. */
    private static List<CreateSeats> batches(RegisterConcert concert, int batchSeats) {
        List<CreateSeats> batches = new ArrayList<>();
        for (ScheduleDetails schedule : concert.schedules()) {
            for (SectionDetails section : concert.sections()) {
                int rowsPerBatch = Math.max(1, batchSeats / section.seatsPerRow());
                for (int from = 1; from <= section.rows(); from += rowsPerBatch) {
                    batches.add(new CreateSeats(concert.concertId(), schedule.scheduleId(), section, from,
                            Math.min(section.rows(), from + rowsPerBatch - 1)));
                }
            }
        }
        return batches;
    }

    private void send(Object command) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                commandGateway.sendAndWait(command);
                return;
            } catch (RuntimeException failure) {
                last = failure;
                log.info("Concert creation step {} failed (attempt {} of {})", command.getClass().getSimpleName(),
                        attempt, ATTEMPTS, failure);
            }
        }
        throw last;
    }

    private void forgetOldJobs() {
        jdbc.update("DELETE FROM concert_creation_job WHERE finished_at < ?",
                Timestamp.from(clock.instant().minus(properties.jobRetention())));
    }

    private int stepsDone(String jobId) {
        Integer done = jdbc.queryForObject("SELECT steps_done FROM concert_creation_job WHERE job_id = ?", Integer.class,
                jobId);
        return done == null ? 0 : done;
    }

    private Optional<Stored> load(String jobId) {
        return jdbc.query("SELECT * FROM concert_creation_job WHERE job_id = ?", (rs, n) -> stored(rs), jobId).stream()
                .findFirst();
    }

    /** A job's row as read back. */
    private record Stored(String jobId, RegisterConcert concert, int batchSeats, Status status, long seatsTotal,
                          long seatsCreated, int stepsDone, String error, Instant acceptedAt, Instant finishedAt) {
    }

    private Stored stored(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Stored(rs.getString("job_id"), fromJson(rs.getString("request")), rs.getInt("batch_seats"),
                Status.valueOf(rs.getString("status")), rs.getLong("seats_total"), rs.getLong("seats_created"),
                rs.getInt("steps_done"), rs.getString("error"), rs.getTimestamp("accepted_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private JobResponse response(Stored job) {
        long total = job.seatsTotal;
        long created = job.seatsCreated;
        List<String> scheduleIds = job.status == Status.COMPLETED
                ? job.concert.schedules().stream().map(ScheduleDetails::scheduleId).map(ScheduleId::value).toList()
                : null;
        return new JobResponse(job.jobId, job.concert.concertId().value(), job.status, total, created,
                total == 0 ? 1 : Math.floor(1000.0 * created / total) / 1000, scheduleIds, job.error, job.acceptedAt,
                job.finishedAt);
    }

    private String toJson(RegisterConcert concert) {
        try {
            return json.writeValueAsString(concert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a concert creation job's request", e);
        }
    }

    private RegisterConcert fromJson(String request) {
        try {
            return json.readValue(request, RegisterConcert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a concert creation job's stored request is unreadable", e);
        }
    }
}
