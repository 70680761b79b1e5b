package io.ticketing.command.catalog.api;

import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue of creation jobs now that they live in the event-store database: one job runs at a time on an instance
 * (the next one stays QUEUED while it runs), at most {@code max-queued-jobs} wait, and one more is refused with 503
 * {@code urn:ticketing:creation-busy}; once the running job goes on, the waiting one is started and completes.
 */
@CommandSideTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ticketing.catalog.batch-seats=4", "ticketing.catalog.sync-max-seats=12",
        "ticketing.catalog.max-queued-jobs=1"})
class ConcertCreationJobQueueTest {
    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandBus commandBus;
    @Autowired
    JdbcTemplate jdbc;

    private Registration interceptor;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void removeInterceptor() {
        release.countDown();
        if (interceptor != null) {
            interceptor.cancel();
        }
    }

    /** 2 schedules x 4 rows x 2 seats = 16 seats: a job. */
    private static String concert(String section) {
        String schedule = "{\"startsAt\":\"2030-12-24T19:00:00Z\",\"salesOpenAt\":\"2026-01-01T10:00:00Z\"}";
        return "{\"title\":\"Queue " + section + "\",\"venue\":\"Bowl\",\"schedules\":[" + schedule + "," + schedule
                + "],\"sections\":[{\"name\":\"" + section + "\",\"grade\":\"R\",\"price\":1000,\"currency\":\"KRW\","
                + "\"rows\":4,\"seatsPerRow\":2}]}";
    }

    private ResponseEntity<Map> send(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestJwts.admin());
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private String status(ResponseEntity<Map> accepted) {
        ResponseEntity<Map> job = send(HttpMethod.GET, accepted.getHeaders().getLocation().getPath(), null);
        assertThat(job.getStatusCode().value()).isEqualTo(200);
        return (String) job.getBody().get("status");
    }

    @Test
    void oneJobRunsAtATimeAndOneMoreThanMaxQueuedJobsIsRefused() {
        MessageHandlerInterceptor<CommandMessage<?>> hook = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof CreateSeats batch
                    && batch.section().name().equals("QA")) {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            }
            return chain.proceed();
        };
        interceptor = commandBus.registerHandlerInterceptor(hook);

        ResponseEntity<Map> running = send(HttpMethod.POST, "/api/admin/concerts", concert("QA"));
        assertThat(running.getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(running).equals("RUNNING"));

        ResponseEntity<Map> waiting = send(HttpMethod.POST, "/api/admin/concerts", concert("QB"));
        assertThat(waiting.getStatusCode().value()).isEqualTo(202);
        ResponseEntity<Map> refused = send(HttpMethod.POST, "/api/admin/concerts", concert("QC"));
        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getBody()).containsEntry("type", "urn:ticketing:creation-busy")
                .containsEntry("maxQueuedJobs", 1);
        // The instance is busy with the first: the second is picked, put back (its execution's last_success set by
        // the reschedule) and never started.
        String waitingJob = (String) waiting.getBody().get("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_instance = ? and last_success is not null",
                Long.class, waitingJob) == 1);
        assertThat(status(waiting)).isEqualTo("QUEUED");
        assertThat(status(running)).isEqualTo("RUNNING");

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(running).equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(waiting).equals("COMPLETED"));
    }
}
