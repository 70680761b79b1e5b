package io.ticketing.command.reservation.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.infra.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the first request of a user with a key claims a row, and its answer (success or
 * problem) is stored; a repeat gets that answer back and changes nothing. Only requests that carry the
 * header pay the extra round trips.
 */
@Component
public class IdempotentRequests {
    private static final int IN_PROGRESS = 0;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final BookingProperties properties;

    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper json, Clock clock, BookingProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    public <T> T once(UserId user, String key, String operation, Class<T> answerType, Supplier<T> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 characters.");
        }
        try {
            jdbc.update("INSERT INTO idempotent_request (user_id, idempotency_key, operation, status, created_at) VALUES (?,?,?,?,?)",
                    user.value(), key, operation, IN_PROGRESS, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException repeat) {
            return replay(user, key, operation, answerType);
        }
        try {
            T answer = action.get();
            store(user, key, 201, answer);
            return answer;
        } catch (ProblemException problem) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("type", problem.type());
            stored.put("title", problem.title());
            stored.put("detail", problem.getMessage());
            stored.put("properties", problem.properties());
            store(user, key, problem.status().value(), stored);
            throw problem;
        } catch (RuntimeException unexpected) {
            // Not an answer the client should get again: let a retry with the same key try once more.
            jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?", user.value(), key);
            throw unexpected;
        }
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(properties.idempotencyRetention())));
    }

    @SuppressWarnings("unchecked")
    private <T> T replay(UserId user, String key, String operation, Class<T> answerType) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT operation, status, body FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?", user.value(), key);
        if (rows.isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:request-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is being processed; retry shortly.");
        }
        Map<String, Object> row = rows.get(0);
        if (!operation.equals(row.get("operation"))) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "urn:ticketing:idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was used for a different request.");
        }
        int status = ((Number) row.get("status")).intValue();
        if (status == IN_PROGRESS) {
            throw new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:request-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is being processed; retry shortly.");
        }
        try {
            String body = (String) row.get("body");
            if (status < 300) {
                return json.readValue(body, answerType);
            }
            Map<String, Object> problem = json.readValue(body, Map.class);
            throw new ProblemException(HttpStatus.valueOf(status), (String) problem.get("type"), (String) problem.get("title"),
                    (String) problem.get("detail"), (Map<String, Object>) problem.getOrDefault("properties", Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer for an Idempotency-Key is unreadable", e);
        }
    }

    private void store(UserId user, String key, int status, Object answer) {
        try {
            jdbc.update("UPDATE idempotent_request SET status = ?, body = ? WHERE user_id = ? AND idempotency_key = ?",
                    status, json.writeValueAsString(answer), user.value(), key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
