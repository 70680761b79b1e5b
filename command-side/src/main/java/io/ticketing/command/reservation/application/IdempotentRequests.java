package io.ticketing.command.reservation.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.infra.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the first request of a user with a key claims a row, and its answer (success or
 * problem) is stored; a repeat gets that answer back and changes nothing. Only requests that carry the
 * header pay the extra round trips.
 * <p>
 * A key is bound to the request it first came with — operation, target and body, as a SHA-256 fingerprint — so
 * the same key with another request is refused (422 {@code urn:ticketing:idempotency-key-reused}) rather than
 * answered with an answer that is not its own. While the first request runs, a repeat is told so (409
 * {@code urn:ticketing:request-in-progress}); but a first request that died between claiming and answering must
 * not block its key for the whole retention: an in-progress marker older than the lease
 * ({@code ticketing.booking.idempotency-lease}) is taken over by the next retry, and an attempt that fails
 * unexpectedly removes its own marker. Every claim carries an attempt id, and an attempt writes its answer or
 * removes the marker only while the marker is still its own, so a slow attempt that was taken over cannot
 * overwrite or delete what its successor wrote.
 */
@Component
public class IdempotentRequests {
    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int IN_PROGRESS = 0;
    /** The operation column's width: it is informative; the fingerprint is what binds the key. */
    private static final int OPERATION_WIDTH = 64;
    /** Claims tried per request: a marker can vanish (its attempt failed) or be taken over between two reads. */
    private static final int CLAIM_TRIES = 3;

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

    /**
     * Runs {@code action} once per user and key. {@code operation} names the endpoint and its target (for example
     * {@code hold:<scheduleId>}), {@code request} is what the body asked for (serialised to JSON for the
     * fingerprint; null for a request without a body).
     */
    public <T> T once(UserId user, String key, String operation, Object request, Class<T> answerType, Supplier<T> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 characters.");
        }
        String fingerprint = fingerprint(operation, request);
        for (int tries = 1; ; tries++) {
            String attempt = UUID.randomUUID().toString();
            Instant now = clock.instant();
            if (claim(user, key, operation, fingerprint, attempt, now)) {
                return run(user, key, attempt, answerType, action);
            }
            List<Claim> claims = jdbc.query("SELECT operation, request_hash, attempt, status, body, created_at "
                            + "FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?",
                    (rs, n) -> new Claim(rs.getString("operation"), rs.getString("request_hash"), rs.getString("attempt"),
                            rs.getInt("status"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()),
                    user.value(), key);
            if (claims.isEmpty()) {
                // The first attempt failed and removed its marker in between: claim the key again.
                if (tries < CLAIM_TRIES) {
                    continue;
                }
                throw inProgress();
            }
            Claim claim = claims.get(0);
            if (!claim.isFor(operation, fingerprint)) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "urn:ticketing:idempotency-key-reused",
                        "Idempotency-Key reused", "This Idempotency-Key was used for a different request.");
            }
            if (claim.status() != IN_PROGRESS) {
                return replay(claim, answerType);
            }
            if (claim.claimedAt().isAfter(now.minus(properties.idempotencyLease()))) {
                throw inProgress();
            }
            // Unanswered for longer than the lease: the attempt that claimed it is gone. One retry takes it over
            // (the attempt id changes with the first takeover, so a second racing one updates nothing).
            int taken = jdbc.update("UPDATE idempotent_request SET attempt = ?, created_at = ? "
                            + "WHERE user_id = ? AND idempotency_key = ? AND status = ? AND attempt <=> ?",
                    attempt, Timestamp.from(now), user.value(), key, IN_PROGRESS, claim.attempt());
            if (taken == 1) {
                log.info("Idempotency-Key of {} unanswered since {}: taken over by a retry", user.value(), claim.claimedAt());
                return run(user, key, attempt, answerType, action);
            }
            if (tries >= CLAIM_TRIES) {
                throw inProgress(); // another retry took it over first and is running it now
            }
        }
    }

    /** Claims the key for this attempt; false when the key has a row already. */
    private boolean claim(UserId user, String key, String operation, String fingerprint, String attempt, Instant now) {
        try {
            jdbc.update("INSERT INTO idempotent_request (user_id, idempotency_key, operation, request_hash, attempt, status, created_at) "
                            + "VALUES (?,?,?,?,?,?,?)",
                    user.value(), key, shortened(operation), fingerprint, attempt, IN_PROGRESS, Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException repeat) {
            return false;
        }
    }

    /** A key's row as read back: who claimed it for which request, and its answer once there is one. */
    private record Claim(String operation, String requestHash, String attempt, int status, String body, Instant claimedAt) {
        boolean isFor(String requestedOperation, String fingerprint) {
            if (requestHash == null) {
                // written before requests were fingerprinted: compare what was recorded then
                return shortened(requestedOperation).equals(operation);
            }
            return requestHash.equals(fingerprint);
        }
    }

    public int purgeExpired() {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(properties.idempotencyRetention())));
    }

    /**
     * The fingerprint that binds a key to its request: SHA-256 of the operation (endpoint and target) and the
     * request's JSON form.
     */
    public String fingerprint(String operation, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(operation.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint an idempotent request", e);
        }
    }

    private <T> T run(UserId user, String key, String attempt, Class<T> answerType, Supplier<T> action) {
        T answer;
        try {
            answer = action.get();
        } catch (ProblemException problem) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("type", problem.type());
            stored.put("title", problem.title());
            stored.put("detail", problem.getMessage());
            stored.put("properties", problem.properties());
            store(user, key, attempt, problem.status().value(), stored);
            throw problem;
        } catch (RuntimeException | Error unexpected) {
            // Not an answer the client should get again: let a retry with the same key try once more.
            forget(user, key, attempt, unexpected);
            throw unexpected;
        }
        store(user, key, attempt, 201, answer);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private <T> T replay(Claim claim, Class<T> answerType) {
        int status = claim.status();
        try {
            String body = claim.body();
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

    private void store(UserId user, String key, String attempt, int status, Object answer) {
        int stored;
        try {
            stored = jdbc.update("UPDATE idempotent_request SET status = ?, body = ? "
                            + "WHERE user_id = ? AND idempotency_key = ? AND attempt = ?",
                    status, json.writeValueAsString(answer), user.value(), key, attempt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (stored == 0) {
            // This attempt outlived its lease and a retry took the key over: the retry's answer is the one kept.
            log.warn("Answer of a superseded attempt for an Idempotency-Key of {} not stored", user.value());
        }
    }

    private void forget(UserId user, String key, String attempt, Throwable cause) {
        try {
            jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idempotency_key = ? AND attempt = ? AND status = ?",
                    user.value(), key, attempt, IN_PROGRESS);
        } catch (RuntimeException e) {
            // The marker stays until its lease ends; the original failure is the one to report.
            cause.addSuppressed(e);
        }
    }

    private static ProblemException inProgress() {
        return new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:request-in-progress", "Request in progress",
                "A request with this Idempotency-Key is being processed; retry shortly.");
    }

    private static String shortened(String operation) {
        return operation.length() <= OPERATION_WIDTH ? operation : operation.substring(0, OPERATION_WIDTH);
    }
}
