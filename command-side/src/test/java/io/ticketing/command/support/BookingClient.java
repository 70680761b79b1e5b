package io.ticketing.command.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestJwts;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every booking request of the tests goes over real HTTP through {@link #send}: the one place where headers
 * every hold or payment needs (for example an admission token) are added.
 */
public final class BookingClient {
    public static final String WEBHOOK_SECRET = TestEnvironment.WEBHOOK_SECRET;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> ADMISSIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> LAST_SCHEDULE = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> OPENED = new ConcurrentHashMap<>();
    private static final Map<String, String> RESERVATION_SCHEDULE = new ConcurrentHashMap<>();
    private static final java.util.Set<String> KNOWN_SCHEDULES = ConcurrentHashMap.newKeySet();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public BookingClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /**
     * A client of the app under test for every {@link CommandSideTest} ({@code @Autowired BookingClient client}):
     * made when a test first asks for it, once the server listens on its random port.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class OfTheAppUnderTest {
        @Bean
        @Lazy
        BookingClient bookingClient(Environment environment) {
            return new BookingClient(environment.getRequiredProperty("local.server.port", Integer.class));
        }
    }

    /** The user's hold of these seats and the payment order opened for it, both accepted (201). */
    public record OpenedOrder(String reservationId, String paymentOrderId) {
    }

    public OpenedOrder holdAndOpenPayment(String user, String scheduleId, List<String> seatIds) {
        Answer held = hold(user, scheduleId, seatIds);
        assertThat(held.status()).as(held.text()).isEqualTo(201);
        String reservationId = held.string("reservationId");
        Answer opened = pay(user, reservationId);
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return new OpenedOrder(reservationId, opened.string("paymentOrderId"));
    }

    /** An answer: status and body (a JSON object as a map, or null). */
    public record Answer(int status, Map<String, Object> body, String contentType, String text) {
        public String string(String field) {
            Object v = body == null ? null : body.get(field);
            return v == null ? null : v.toString();
        }

        public String type() {
            return string("type");
        }

        /** The first schedule of a created concert. */
        public String firstScheduleId() {
            return ((List<?>) body.get("scheduleIds")).get(0).toString();
        }
    }

    /** A concert whose one schedule is on sale now (sales opened an hour ago, the show is in 30 days). */
    public Answer createConcert(int rows, int seatsPerRow, long price) {
        Instant now = Instant.now();
        String body = """
                {"title":"Race Night","venue":"Hall",
                 "schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"R","price":%d,"currency":"KRW","rows":%d,"seatsPerRow":%d}]}
                """.formatted(now.plus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)), price, rows, seatsPerRow);
        return send("POST", "/api/admin/concerts", TestJwts.admin(), body, Map.of());
    }

    public String createSchedule(int rows, int seatsPerRow, long price) {
        Answer created = createConcert(rows, seatsPerRow, price);
        if (created.status() != 201) {
            throw new IllegalStateException("concert not created: " + created);
        }
        String scheduleId = created.firstScheduleId();
        KNOWN_SCHEDULES.add(scheduleId);
        return scheduleId;
    }

    public Answer hold(String user, String scheduleId, List<String> seatIds) {
        return hold(user, scheduleId, seatIds, null);
    }

    public Answer hold(String user, String scheduleId, List<String> seatIds, String idempotencyKey) {
        try {
            return holdRaw(user, scheduleId, JSON.writeValueAsString(Map.of("seatIds", seatIds)), idempotencyKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer holdRaw(String user, String scheduleId, String body, String idempotencyKey) {
        Answer answer = gated(user, scheduleId, "POST", "/api/schedules/" + scheduleId + "/holds", body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        if (answer.string("reservationId") != null) {
            RESERVATION_SCHEDULE.put(answer.string("reservationId"), scheduleId);
        }
        return answer;
    }

    /** The payer is admitted to the reservation's schedule (or, for an unknown reservation, their last one). */
    public Answer pay(String user, String reservationId) {
        return pay(user, reservationId, null);
    }

    public Answer pay(String user, String reservationId, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        String scheduleId = RESERVATION_SCHEDULE.getOrDefault(reservationId, LAST_SCHEDULE.get(user));
        if (scheduleId == null) {
            return send("POST", "/api/reservations/" + reservationId + "/payments", token(user), null, headers);
        }
        return gated(user, scheduleId, "POST", "/api/reservations/" + reservationId + "/payments", null, headers);
    }

    /**
     * A seat or payment command: it passes the admission gate with the user's admission token for the
     * schedule, obtained the way a client obtains it (queue, poll until ADMITTED). A purchase ends the
     * admission, so a refusal as not admitted sends the user through the queue once more.
     */
    private Answer gated(String user, String scheduleId, String method, String path, String body, Map<String, String> headers) {
        if (!openTheDoors(scheduleId)) {
            // Nobody can be admitted to a schedule the waiting room does not know: the gate will refuse.
            return send(method, path, token(user), body, headers);
        }
        LAST_SCHEDULE.put(user, scheduleId);
        Answer answer = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, String> withToken = new java.util.HashMap<>(headers);
            withToken.put("X-Admission-Token", admission(user, scheduleId, attempt > 0));
            answer = send(method, path, token(user), body, withToken);
            if (answer.status() != 403 || !"urn:ticketing:not-admitted".equals(answer.type())) {
                return answer;
            }
        }
        return answer;
    }

    /** The user's admission token for the schedule, as a client obtains it (queue, poll until ADMITTED). */
    public String admissionToken(String user, String scheduleId) {
        if (!openTheDoors(scheduleId)) {
            throw new IllegalStateException("the waiting room does not know " + scheduleId);
        }
        return admission(user, scheduleId, false);
    }

    private String admission(String user, String scheduleId, boolean renew) {
        String key = user + "@" + scheduleId;
        if (!renew && ADMISSIONS.containsKey(key)) {
            return ADMISSIONS.get(key);
        }
        java.util.concurrent.atomic.AtomicReference<Answer> entry = new java.util.concurrent.atomic.AtomicReference<>(
                send("POST", "/api/queue/" + scheduleId + "/entries", token(user), null, Map.of()));
        // Poll the entry as a client does, until ADMITTED (within 30 s).
        org.awaitility.Awaitility.await("admission of " + user + " to " + scheduleId)
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Answer current = entry.get();
                    if ("ADMITTED".equals(current.string("status"))) {
                        return true;
                    }
                    if (current.status() >= 400 && current.status() != 503) {
                        throw new IllegalStateException("cannot queue for " + scheduleId + ": " + current);
                    }
                    String entryId = current.string("entryId");
                    boolean again = entryId == null || "EXPIRED".equals(current.string("status"));
                    entry.set(again ? send("POST", "/api/queue/" + scheduleId + "/entries", token(user), null, Map.of())
                            : send("GET", "/api/queue/" + scheduleId + "/entries/" + entryId, token(user), null, Map.of()));
                    return "ADMITTED".equals(entry.get().string("status"));
                });
        ADMISSIONS.put(key, entry.get().string("admissionToken"));
        return entry.get().string("admissionToken");
    }

    /**
     * The tests are not about the queue's pace: admit everyone at once, once the schedule is known to the
     * queue (a schedule created moments ago reaches the waiting room's directory within a moment). False for
     * a schedule that never becomes known.
     */
    private boolean openTheDoors(String scheduleId) {
        return OPENED.computeIfAbsent(scheduleId, id -> {
            java.util.concurrent.atomic.AtomicReference<Answer> answer = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                org.awaitility.Awaitility.await("the waiting room knows " + id)
                        .atMost(Duration.ofSeconds(KNOWN_SCHEDULES.contains(id) ? 30 : 3))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            answer.set(send("PUT", "/api/admin/schedules/" + id + "/queue", TestJwts.admin(),
                                    "{\"admitPerSecond\":100000,\"maxActive\":1000000,\"paused\":false}", Map.of()));
                            return answer.get().status() != 404;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException unknown) {
                return Boolean.FALSE;
            }
            Answer set = answer.get();
            if (set.status() != 200) {
                throw new IllegalStateException("cannot open the queue of " + id + ": " + set);
            }
            return Boolean.TRUE;
        });
    }

    public Answer cancel(String user, String reservationId) {
        return send("DELETE", "/api/reservations/" + reservationId, token(user), null, Map.of());
    }

    /** The payment provider's callback, signed with the given secret. */
    public Answer webhook(String paymentOrderId, String paymentKey, long amount, String status, String secret) {
        String body = "{\"paymentOrderId\":\"%s\",\"paymentKey\":\"%s\",\"amount\":%d,\"currency\":\"KRW\",\"status\":\"%s\"}"
                .formatted(paymentOrderId, paymentKey, amount, status);
        return send("POST", "/api/payments/webhook", null, body, Map.of("X-Signature", sign(secret, body)));
    }

    public Answer webhook(String paymentOrderId, String paymentKey, long amount, String status) {
        return webhook(paymentOrderId, paymentKey, amount, status, WEBHOOK_SECRET);
    }

    public Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Answer send(String method, String path, String bearer, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            Map<String, Object> parsed = null;
            if (text != null && text.startsWith("{")) {
                parsed = JSON.readValue(text, new TypeReference<>() {
                });
            }
            return new Answer(response.statusCode(), parsed, response.headers().firstValue("Content-Type").orElse(null), text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, TestJwts::user);
    }
}
