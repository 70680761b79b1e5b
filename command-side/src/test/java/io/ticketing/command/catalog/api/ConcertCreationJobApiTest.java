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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A concert above {@code sync-max-seats} over real HTTP and the real event store: 202 with a status resource that
 * shows progress, and all or nothing as far as anyone can see or buy — the concert and its schedules appear only with
 * the job's last event, and a job that fails leaves no concert, no listed schedule and no waiting room. The
 * thresholds are tiny here so the mechanism runs in a moment; the 100,000-seat case is a benchmark
 * ({@code k6/growth-bench.py}).
 */
@CommandSideTest
// Closed after the class like the other tests with properties of their own: left in the context cache, its admitter
// kept admitting from every open waiting room of the shared test database, and another test's per-instance metrics
// (AdmissionApiTest's ticketing_queue_admitted_total) then counted on the wrong instance.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ticketing.catalog.batch-seats=4", "ticketing.catalog.sync-max-seats=12"})
class ConcertCreationJobApiTest {
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;
    @Autowired
    org.ehcache.CacheManager aggregateCacheManager;

    private Registration interceptor;
    /** Holds a batch mid-job; released after each test too, so a failed test never leaves the job thread stuck. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void removeInterceptor() {
        release.countDown();
        if (interceptor != null) {
            interceptor.cancel();
        }
    }

    /** 2 schedules x 4 rows x 2 seats = 16 seats: four batches of two rows, then the concert. */
    private static String concert(String section, int schedules) {
        String schedule = "{\"startsAt\":\"2030-12-24T19:00:00Z\",\"salesOpenAt\":\"2026-01-01T10:00:00Z\"}";
        return "{\"title\":\"Stadium " + section + "\",\"venue\":\"Bowl\",\"schedules\":["
                + String.join(",", java.util.Collections.nCopies(schedules, schedule)) + "],"
                + "\"sections\":[{\"name\":\"" + section + "\",\"grade\":\"R\",\"price\":1000,\"currency\":\"KRW\","
                + "\"rows\":4,\"seatsPerRow\":2}]}";
    }

    private ResponseEntity<Map> send(HttpMethod method, String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> job(String location) {
        ResponseEntity<Map> status = send(HttpMethod.GET, location, TestJwts.admin(), null);
        assertThat(status.getStatusCode().value()).isEqualTo(200);
        return (Map<String, Object>) status.getBody();
    }

    /** Blocks or fails the CreateSeats batches of one section (the only way to see a job mid-way). */
    private void onBatchesOf(String section, java.util.function.Consumer<CreateSeats> action) {
        MessageHandlerInterceptor<CommandMessage<?>> hook = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof CreateSeats batch
                    && batch.section().name().equals(section)) {
                action.accept(batch);
            }
            return chain.proceed();
        };
        interceptor = commandBus.registerHandlerInterceptor(hook);
    }

    private long events(String type, String aggregatePrefix) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ? and aggregate_identifier like ?",
                Long.class, "%" + type, aggregatePrefix + "%");
    }

    private List<String> scheduleIdsOfSeats(String section) {
        return jdbc.queryForList("select distinct substring_index(aggregate_identifier, '/', 1) from domain_event_entry"
                + " where payload_type like '%SeatCreated' and aggregate_identifier like ?", String.class, "%/" + section + "-%");
    }

    private int queueEntry(String scheduleId) {
        return send(HttpMethod.POST, "/api/queue/" + scheduleId + "/entries", TestJwts.user("fan-" + scheduleId), null)
                .getStatusCode().value();
    }

    @Test
    void aLargeConcertIsAJobWithProgressWhoseConcertAppearsOnlyWithItsLastEvent() {
        onBatchesOf("JA", batch -> {
            if (batch.fromRow() == 3) { // the second batch of the first schedule waits for the test
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        ResponseEntity<Map> accepted = send(HttpMethod.POST, "/api/admin/concerts", TestJwts.admin(), concert("JA", 2));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String location = accepted.getHeaders().getLocation().getPath();
        assertThat(location).startsWith("/api/admin/concert-jobs/");
        assertThat(accepted.getBody()).containsEntry("seatsTotal", 16).doesNotContainKey("scheduleIds")
                .containsKeys("jobId", "concertId", "status", "seatsCreated", "progress");
        String concertId = (String) accepted.getBody().get("concertId");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(job(location))
                .containsEntry("status", "RUNNING").containsEntry("seatsCreated", 4).containsEntry("progress", 0.25));
        // Mid-way: seats are stored, but no concert, no listed schedule, no waiting room.
        assertThat(events("ConcertCreated", concertId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from schedule_directory where concert_id = ?", Long.class,
                concertId)).isZero();
        List<String> firstSchedule = scheduleIdsOfSeats("JA");
        assertThat(firstSchedule).hasSize(1);
        assertThat(queueEntry(firstSchedule.get(0))).isEqualTo(404);
        assertThat(job(location)).doesNotContainKey("scheduleIds");

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(job(location))
                .containsEntry("status", "COMPLETED").containsEntry("seatsCreated", 16).containsEntry("progress", 1.0));
        Map<String, Object> done = job(location);
        assertThat((List<?>) done.get("scheduleIds")).hasSize(2);
        assertThat(scheduleIdsOfSeats("JA")).containsExactlyInAnyOrderElementsOf((List<String>) done.get("scheduleIds"));
        assertThat(events("SeatCreated", "")).isGreaterThanOrEqualTo(16);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like '%SeatCreated'"
                + " and aggregate_identifier like '%/JA-%'", Long.class)).isEqualTo(16);
        // The concert's event is the last of the concert: every seat was stored before it.
        long concertIndex = jdbc.queryForObject("select global_index from domain_event_entry where aggregate_identifier = ?",
                Long.class, concertId);
        long lastSeatIndex = jdbc.queryForObject("select max(global_index) from domain_event_entry"
                + " where payload_type like '%SeatCreated' and aggregate_identifier like '%/JA-%'", Long.class);
        assertThat(concertIndex).isGreaterThan(lastSeatIndex);
        assertThat(jdbc.queryForObject("select count(*) from schedule_directory where concert_id = ?", Long.class,
                concertId)).isEqualTo(2);
        assertThat(queueEntry(firstSchedule.get(0))).isEqualTo(201);
    }

    @Test
    void aJobThatFailsLeavesNoConcertScheduleOrWaitingRoom() {
        AtomicInteger attempts = new AtomicInteger();
        onBatchesOf("JB", batch -> {
            if (batch.fromRow() == 3) {
                attempts.incrementAndGet();
                throw new IllegalStateException("the event store is gone");
            }
        });

        ResponseEntity<Map> accepted = send(HttpMethod.POST, "/api/admin/concerts", TestJwts.admin(), concert("JB", 2));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String location = accepted.getHeaders().getLocation().getPath();
        String concertId = (String) accepted.getBody().get("concertId");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(job(location))
                .containsEntry("status", "FAILED"));
        Map<String, Object> failed = job(location);
        assertThat(failed).containsEntry("seatsCreated", 4).doesNotContainKey("scheduleIds");
        assertThat((String) failed.get("error")).contains("nothing of it is visible or on sale")
                .doesNotContain("event store is gone");
        assertThat(attempts).hasValue(3);
        assertThat(events("ConcertCreated", concertId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from schedule_directory where concert_id = ?", Long.class,
                concertId)).isZero();
        List<String> stranded = scheduleIdsOfSeats("JB");
        assertThat(stranded).hasSize(1);
        assertThat(queueEntry(stranded.get(0))).isEqualTo(404);
    }

    @Test
    void aConcertAboveOneBatchButWithinTheRequestLimitIsStillA201() {
        // 1 schedule x 8 seats: more than one batch (4), within sync-max-seats (12)
        ResponseEntity<Map> created = send(HttpMethod.POST, "/api/admin/concerts", TestJwts.admin(), concert("JC", 1));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsOnlyKeys("concertId", "scheduleIds");
        String concertId = (String) created.getBody().get("concertId");
        String scheduleId = (String) ((List<?>) created.getBody().get("scheduleIds")).get(0);
        assertThat(events("ConcertCreated", concertId)).isEqualTo(1);
        assertThat(events("SeatCreated", scheduleId + "/")).isEqualTo(8);
        assertThat(queueEntry(scheduleId)).isEqualTo(201);
        // New seats enter the seat cache with the first command that uses them, not with their creation.
        assertThat(aggregateCacheManager.getCache("seats", Object.class, Object.class)
                .containsKey(scheduleId + "/JC-1-1")).isFalse();
    }

    @Test
    void jobStatusIsForAdminsAndAnUnknownJobIsA404Problem() {
        ResponseEntity<Map> unknown = send(HttpMethod.GET, "/api/admin/concert-jobs/no-such-job", TestJwts.admin(), null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(unknown.getBody()).containsEntry("type", "urn:ticketing:not-found");
        ResponseEntity<Map> asUser = send(HttpMethod.GET, "/api/admin/concert-jobs/no-such-job", TestJwts.user("alice"), null);
        assertThat(asUser.getStatusCode().value()).isEqualTo(403);
    }
}
