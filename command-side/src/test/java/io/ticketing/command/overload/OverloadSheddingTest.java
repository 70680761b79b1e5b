package io.ticketing.command.overload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-flight limit with a tiny configuration (one command at a time, no waiting), over real HTTP against the real
 * command side: what it cannot take is refused with 503 urn:ticketing:overloaded and Retry-After and leaves nothing in
 * the event store; health, the waiting room and admin stay served; the waiting room's effective admission rate
 * drops while work is shed and comes back after.
 */
@CommandSideTest
// Closed after the class like the other tests with properties of their own: left in the context cache, its admitter
// kept admitting from every open waiting room of the shared test database, and another test's per-instance metrics
// (AdmissionApiTest's ticketing_queue_admitted_total) then counted on the wrong instance.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ticketing.overload.enabled=true", "ticketing.overload.limit=fixed", "ticketing.overload.min-limit=1",
        "ticketing.overload.initial-limit=1", "ticketing.overload.max-limit=1", "ticketing.overload.backlog=0",
        "ticketing.overload.max-wait=0ms", "ticketing.overload.retry-after-seconds=3",
        "ticketing.overload.adjust-interval=200ms"})
class OverloadSheddingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandLimiter limiter;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String retryAfter, String contentType, JsonNode body) {
        String type() {
            return body == null || body.get("type") == null ? null : body.get("type").asText();
        }
    }

    @Test
    void whileTheOneSlotIsTakenHoldsAndPaymentOrdersAreRefusedWithRetryAfterNothingIsStoredAndReleasesAreServed() throws Exception {
        BookingClient client = new BookingClient(port);
        String schedule = client.createSchedule(2, 20, 1_000);
        List<String> users = new ArrayList<>();
        List<String> admissions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String user = "shed-" + UUID.randomUUID();
            users.add(user);
            admissions.add(client.admissionToken(user, schedule));
        }
        String holder = "holder-" + UUID.randomUUID();
        BookingClient.Answer held = client.hold(holder, schedule, List.of("A-2-20"));
        assertThat(held.status()).isEqualTo(201);
        String reservation = held.string("reservationId");

        // The one slot, taken as an in-flight command takes it.
        CommandLimiter.Permit slot = limiter.tryAcquire().orElseThrow();
        try {
            long events = events();
            List<Answer> answers = race(users.size(), i -> hold(users.get(i), admissions.get(i), schedule, "A-1-" + (i + 1)));
            assertThat(answers).hasSize(12).allSatisfy(this::assertOverloaded);
            assertOverloaded(send("POST", "/api/reservations/" + reservation + "/payments", holder, null,
                    Map.of("X-Admission-Token", client.admissionToken(holder, schedule))));
            // Refused before security while the limit is full (EarlyShedFilter): not even authentication is done.
            assertOverloaded(send("POST", "/api/schedules/" + schedule + "/holds", null, "{\"seatIds\":[\"A-1-1\"]}", Map.of()));
            assertThat(events()).as("a refused command stores nothing").isEqualTo(events);
            // A release is never shed: it frees capacity, and a refused one would keep its seats held until expiry.
            assertThat(send("DELETE", "/api/reservations/" + reservation, holder, null, Map.of()).status()).isEqualTo(202);

            // What must stay served is served.
            assertThat(send("GET", "/actuator/health", null, null, Map.of()).status()).isEqualTo(200);
            assertThat(send("POST", "/api/queue/" + schedule + "/entries", "late-" + UUID.randomUUID(), null, Map.of())
                    .status()).isEqualTo(201);
            assertThat(send("GET", "/api/admin/schedules/" + schedule + "/queue", "admin", null, Map.of()).status())
                    .isEqualTo(200);
        } finally {
            slot.release(false);
        }

        // Nothing was left half-done: the refused users hold their seats now, one after another.
        for (int i = 0; i < users.size(); i++) {
            assertThat(hold(users.get(i), admissions.get(i), schedule, "A-1-" + (i + 1)).status()).isEqualTo(201);
        }
        assertThat(client.hold(holder, schedule, List.of("A-2-20")).status()).as("the released seat is free again").isEqualTo(201);
    }

    @Test
    void concurrentHoldsBeyondTheLimitAreShedAndOnlyAcceptedOnesWriteEvents() throws Exception {
        BookingClient client = new BookingClient(port);
        String schedule = client.createSchedule(1, 40, 1_000);
        int n = 32;
        List<String> users = new ArrayList<>();
        List<String> admissions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = "race-" + UUID.randomUUID();
            users.add(user);
            admissions.add(client.admissionToken(user, schedule));
        }
        long events = events();
        List<Answer> answers = race(n, i -> hold(users.get(i), admissions.get(i), schedule, "A-1-" + (i + 1)));
        long accepted = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(answers).allSatisfy(a -> {
            if (a.status() != 201) {
                assertOverloaded(a);
            }
        });
        // A hold of one seat writes three events (reservation, quota, seat); a shed one none.
        assertThat(events() - events).isEqualTo(3 * accepted);
        for (int i = 0; i < n; i++) {
            if (answers.get(i).status() != 201) {
                assertThat(hold(users.get(i), admissions.get(i), schedule, "A-1-" + (i + 1)).status()).isEqualTo(201);
            }
        }
    }

    @Test
    void theEffectiveAdmissionRateFallsWhileWorkIsShedAndRecoversAfter() throws Exception {
        BookingClient client = new BookingClient(port);
        String schedule = client.createSchedule(1, 4, 1_000);
        client.admissionToken("opener-" + UUID.randomUUID(), schedule);
        Answer set = send("PUT", "/api/admin/schedules/" + schedule + "/queue", "admin",
                "{\"admitPerSecond\":200,\"maxActive\":1000,\"paused\":false,\"minAdmitPerSecond\":20}", Map.of());
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("minAdmitPerSecond").asDouble()).isEqualTo(20.0);
        Answer floorAboveCeiling = send("PUT", "/api/admin/schedules/" + schedule + "/queue", "admin",
                "{\"admitPerSecond\":5,\"maxActive\":1000,\"paused\":false,\"minAdmitPerSecond\":20}", Map.of());
        assertThat(floorAboveCeiling.status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).until(() -> effectiveRate(schedule) == 200.0);

        String user = "flood-" + UUID.randomUUID();
        String admission = client.admissionToken(user, schedule);
        CommandLimiter.Permit slot = limiter.tryAcquire().orElseThrow();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                assertOverloaded(hold(user, admission, schedule, "A-1-1"));
                return effectiveRate(schedule) < 100.0;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                hold(user, admission, schedule, "A-1-1");
                return effectiveRate(schedule) == 20.0;
            });
        } finally {
            slot.release(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> effectiveRate(schedule) == 200.0);
    }

    private double effectiveRate(String schedule) throws Exception {
        return send("GET", "/api/admin/schedules/" + schedule + "/queue", "admin", null, Map.of())
                .body().get("effectiveAdmitPerSecond").asDouble();
    }

    private void assertOverloaded(Answer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("3");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("urn:ticketing:overloaded");
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private Answer hold(String user, String admission, String schedule, String seat) throws Exception {
        return send("POST", "/api/schedules/" + schedule + "/holds", user, "{\"seatIds\":[\"" + seat + "\"]}",
                Map.of("X-Admission-Token", admission));
    }

    interface Call {
        Answer call(int i) throws Exception;
    }

    /** Every call on a thread of its own, all released at once. */
    private static List<Answer> race(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call(index);
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code user} "admin" is the ADMIN token; null: no bearer token. */
    private Answer send(String method, String path, String user, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + ("admin".equals(user) ? TestJwts.admin() : TestJwts.user(user)));
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""),
                text != null && text.startsWith("{") ? JSON.readTree(text) : null);
    }
}
