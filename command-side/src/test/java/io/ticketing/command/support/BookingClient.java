package io.ticketing.command.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.testsupport.TestJwts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every booking request of the tests goes over real HTTP through {@link #send}: the one place where headers
 * every hold or payment needs (for example an admission token) are added.
 */
public final class BookingClient {
    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public BookingClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
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
    }

    public Answer createConcert(int rows, int seatsPerRow, long price) {
        String body = """
                {"title":"Race Night","venue":"Hall",
                 "schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"R","price":%d,"currency":"KRW","rows":%d,"seatsPerRow":%d}]}
                """.formatted(price, rows, seatsPerRow);
        return send("POST", "/api/admin/concerts", TestJwts.admin(), body, Map.of());
    }

    public String createSchedule(int rows, int seatsPerRow, long price) {
        Answer created = createConcert(rows, seatsPerRow, price);
        if (created.status() != 201) {
            throw new IllegalStateException("concert not created: " + created);
        }
        return ((List<?>) created.body().get("scheduleIds")).get(0).toString();
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
        return send("POST", "/api/schedules/" + scheduleId + "/holds", token(user), body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    public Answer pay(String user, String reservationId) {
        return send("POST", "/api/reservations/" + reservationId + "/payments", token(user), null, Map.of());
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
