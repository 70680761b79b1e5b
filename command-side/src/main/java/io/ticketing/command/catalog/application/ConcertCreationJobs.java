package io.ticketing.command.catalog.application;

import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.api.catalog.RegisterConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.infra.web.ProblemException;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Creation jobs for concerts too large for one transaction. A job appends the seats in batches ({@link CreateSeats},
 * one transaction each, so the heap holds one batch's aggregates at a time), then the concert ({@link RegisterConcert}).
 * All or nothing as far as anyone can see or buy: the concert, its schedules and their waiting rooms come from
 * {@code ConcertCreated}, the last event, and the schedule ids are told only once it is stored. A job that fails
 * leaves seats nobody can reach (no schedule of theirs is ever listed or admitted to) and says FAILED.
 * <p>
 * One job runs at a time, on one thread: a creation is bulk work for the event store, and two at once would only
 * share its throughput while competing with the sale. Jobs live in this instance's memory (bounded by
 * {@code maxQueuedJobs} and {@code jobRetention}); a restart mid-job leaves the same unreachable seats, and the admin
 * sends the request again.
 */
@Component
public class ConcertCreationJobs {
    private static final Logger log = LoggerFactory.getLogger(ConcertCreationJobs.class);
    /** A batch that failed is tried this many times in all (a write timeout on a busy store is worth a retry). */
    private static final int ATTEMPTS = 3;

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
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;

    public ConcertCreationJobs(CommandGateway commandGateway, CatalogProperties properties) {
        this.commandGateway = commandGateway;
        this.properties = properties;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.maxQueuedJobs()), runnable -> {
            Thread thread = new Thread(runnable, "concert-creation-job");
            thread.setDaemon(true);
            return thread;
        });
    }

    JobResponse submit(RegisterConcert concert) {
        forgetOldJobs();
        long total = 0;
        for (SectionDetails section : concert.sections()) {
            total += (long) section.seatCount() * concert.schedules().size();
        }
        Job job = new Job(UUID.randomUUID().toString(), concert, total, clock.instant());
        jobs.put(job.id, job);
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException busy) {
            jobs.remove(job.id);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "urn:ticketing:creation-busy",
                    "Too many concert creations", "Concert creations are queued up; send this one again later.",
                    Map.of("maxQueuedJobs", properties.maxQueuedJobs()));
        }
        return job.response();
    }

    public Optional<JobResponse> find(String jobId) {
        forgetOldJobs();
        return Optional.ofNullable(jobs.get(jobId)).map(Job::response);
    }

    /**
     * Creates the concert in batches within the caller's thread (a request of up to {@code sync-max-seats} seats):
     * the same steps as a job, so the unit of work never holds more than one batch.
     */
    void createNow(RegisterConcert concert) {
        createInBatches(concert, seats -> {
        });
    }

    private void run(Job job) {
        job.status = Status.RUNNING;
        long started = System.nanoTime();
        RegisterConcert concert = job.concert;
        try {
            createInBatches(concert, job.seatsCreated::addAndGet);
            job.finish(Status.COMPLETED, null, clock.instant());
            log.info("Concert {} created by job {}: {} seats in {} ms", concert.concertId().value(), job.id,
                    job.total, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException failure) {
            // The message may name internals; the status says what failed, the log says why.
            job.finish(Status.FAILED, "the concert could not be created after " + job.seatsCreated.get()
                    + " of " + job.total + " seats; nothing of it is visible or on sale: send the request again",
                    clock.instant());
            log.warn("Concert creation job {} (concert {}) failed after {} of {} seats", job.id,
                    concert.concertId().value(), job.seatsCreated.get(), job.total, failure);
        }
    }

    private void createInBatches(RegisterConcert concert, LongConsumer progress) {
        for (ScheduleDetails schedule : concert.schedules()) {
            for (SectionDetails section : concert.sections()) {
                int rowsPerBatch = Math.max(1, properties.batchSeats() / section.seatsPerRow());
                for (int from = 1; from <= section.rows(); from += rowsPerBatch) {
                    CreateSeats batch = new CreateSeats(concert.concertId(), schedule.scheduleId(), section, from,
                            Math.min(section.rows(), from + rowsPerBatch - 1));
                    send(batch);
                    progress.accept(batch.seatCount());
                }
            }
        }
        send(concert);
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
        Instant horizon = clock.instant().minus(properties.jobRetention());
        jobs.values().removeIf(job -> job.finishedAt != null && job.finishedAt.isBefore(horizon));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static final class Job {
        final String id;
        final RegisterConcert concert;
        final long total;
        final Instant acceptedAt;
        final AtomicLong seatsCreated = new AtomicLong();
        volatile Status status = Status.QUEUED;
        volatile String error;
        volatile Instant finishedAt;

        Job(String id, RegisterConcert concert, long total, Instant acceptedAt) {
            this.id = id;
            this.concert = concert;
            this.total = total;
            this.acceptedAt = acceptedAt;
        }

        void finish(Status status, String error, Instant at) {
            this.error = error;
            this.finishedAt = at;
            this.status = status;
        }

        JobResponse response() {
            Status now = status;
            long created = seatsCreated.get();
            List<String> scheduleIds = now == Status.COMPLETED
                    ? concert.schedules().stream().map(ScheduleDetails::scheduleId).map(ScheduleId::value).toList()
                    : null;
            return new JobResponse(id, concert.concertId().value(), now, total, created,
                    total == 0 ? 1 : Math.floor(1000.0 * created / total) / 1000, scheduleIds, error, acceptedAt,
                    finishedAt);
        }
    }
}
