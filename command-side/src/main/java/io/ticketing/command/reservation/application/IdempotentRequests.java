package io.ticketing.command.reservation.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
import java.util.function.Function;
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
 * <p>
 * A success is written in the transaction of the command that made it: the action hands its command to
 * {@link Attempt#carry}, which puts the attempt in the command's metadata, and {@link #answersInTransaction()} (a
 * handler interceptor on the command bus) writes the answer with the command's events — in the unit of work of
 * that command, on the connection of the transaction its events are appended in (a booking writer's batch, or the
 * command's own). A crash after the commit finds the answer stored, and a rolled-back command leaves none. If the
 * marker is no longer this attempt's (a retry took it over), the command fails rather than commit without its
 * answer, and the request is told the key is in progress. Refusals changed nothing and are stored after the fact.
 */
@Component
public class IdempotentRequests {
    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int IN_PROGRESS = 0;
    /** The operation column's width: it is informative; the fingerprint is what binds the key. */
    private static final int OPERATION_WIDTH = 64;
    /** Claims tried per request: a marker can vanish (its attempt failed) or be taken over between two reads. */
    private static final int CLAIM_TRIES = 3;
    /** The status a success is stored with (and replayed from: anything below 300 is an answer of the action's type). */
    private static final int CREATED = 201;
    /** Metadata entry by which a command carries its attempt to {@link #answersInTransaction()}. */
    static final String ANSWER_IN_TRANSACTION = "ticketing.idempotent-answer";

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
        return once(user, key, operation, request, answerType, attempt -> action.get());
    }

    /**
     * As {@link #once(UserId, String, String, Object, Class, Supplier)}, for an action that sends one command with
     * {@link Attempt#carry}: that command's success writes the answer in its own transaction. Without a key the
     * action gets {@link Attempt#none()}, which carries nothing, and nothing else is done.
     */
    public <T> T once(UserId user, String key, String operation, Object request, Class<T> answerType,
                      Function<Attempt<T>, T> action) {
        if (key == null) {
            return action.apply(Attempt.none());
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

    private <T> T run(UserId user, String key, String attemptId, Class<T> answerType, Function<Attempt<T>, T> action) {
        Attempt<T> attempt = new Attempt<>(this, user, key, attemptId);
        T answer;
        try {
            answer = action.apply(attempt);
        } catch (ProblemException problem) {
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("type", problem.type());
            stored.put("title", problem.title());
            stored.put("detail", problem.getMessage());
            stored.put("properties", problem.properties());
            if (!attempt.answered) { // else its command committed a success with its answer: that one stands
                store(user, key, attemptId, problem.status().value(), stored);
            }
            throw problem;
        } catch (RuntimeException | Error unexpected) {
            if (causedBy(unexpected, Superseded.class)) {
                // A retry took the key over before this attempt's command committed: that command failed (nothing
                // of it is stored) and the retry's answer will be the key's.
                throw inProgress();
            }
            // Not an answer the client should get again: let a retry with the same key try once more.
            forget(user, key, attemptId, unexpected);
            throw unexpected;
        }
        if (!attempt.answered) {
            if (attempt.carried) {
                log.warn("A command carrying an Idempotency-Key's attempt succeeded without storing its answer "
                        + "(is answersInTransaction() on the command bus?); stored after the fact");
            }
            store(user, key, attemptId, CREATED, answer);
        }
        return answer;
    }

    /**
     * The handler interceptor that stores a carried attempt's answer in the command's transaction (registered on the
     * command bus as a bean, {@code BookingConfiguration}). A command without a carried attempt costs one metadata
     * look-up.
     */
    public MessageHandlerInterceptor<CommandMessage<?>> answersInTransaction() {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
                if (!(unitOfWork.getMessage().getMetaData().get(ANSWER_IN_TRANSACTION) instanceof Carried<?, ?> carried)) {
                    return chain.proceed();
                }
                Object result = chain.proceed();
                // Only a success gets here (a refusal throws): its answer joins this unit of work's commit. Nested in
                // a batch, that is the batch's transaction, and a rollback of the batch takes the answer with it;
                // the command's run alone then writes it again.
                Object answer = carried.answerOf(result instanceof ResultMessage<?> message ? message.getPayload() : result);
                unitOfWork.onPrepareCommit(u -> storeInTransaction(carried.attempt(), answer));
                unitOfWork.afterCommit(u -> carried.attempt().answered = true);
                return result;
            }
        };
    }

    private void storeInTransaction(Attempt<?> attempt, Object answer) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(jdbc.getDataSource())) {
            throw new IllegalStateException("An Idempotency-Key's answer must be stored in its command's transaction, "
                    + "and there is none on this thread for the idempotency table's data source");
        }
        int stored;
        try {
            stored = jdbc.update("UPDATE idempotent_request SET status = ?, body = ? "
                            + "WHERE user_id = ? AND idempotency_key = ? AND attempt = ?",
                    CREATED, json.writeValueAsString(answer), attempt.user.value(), attempt.key, attempt.id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (stored == 0) {
            // Taken over by a retry after the lease: this command must not commit without its answer.
            throw new Superseded();
        }
    }

    /**
     * One claimed attempt of a keyed request, given to the action. {@link #carry} marks the action's command so
     * that its success is stored in its own transaction; {@link #none()} (no key) carries nothing.
     */
    public static final class Attempt<T> {
        private static final Attempt<?> NONE = new Attempt<>(null, null, null, null);

        private final IdempotentRequests requests;
        private final UserId user;
        private final String key;
        private final String id;
        private volatile boolean carried;
        private volatile boolean answered;

        private Attempt(IdempotentRequests requests, UserId user, String key, String id) {
            this.requests = requests;
            this.user = user;
            this.key = key;
            this.id = id;
        }

        @SuppressWarnings("unchecked")
        public static <T> Attempt<T> none() {
            return (Attempt<T>) NONE;
        }

        /**
         * The command to send in place of {@code command}: when it succeeds, {@code answerOf} its result is the key's
         * answer, stored in the command's transaction. Without a key: {@code command} itself.
         */
        public <R> Object carry(Object command, Function<R, ? extends T> answerOf) {
            if (requests == null) {
                return command;
            }
            carried = true;
            return GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(ANSWER_IN_TRANSACTION, new Carried<>(this, answerOf)));
        }
    }

    /** What a command carries in its metadata: whose answer it writes, and how the answer is made from its result. */
    private record Carried<R, T>(Attempt<T> attempt, Function<R, ? extends T> answer) {
        @SuppressWarnings("unchecked")
        Object answerOf(Object result) {
            return answer.apply((R) result);
        }

        @Override
        public String toString() {
            return "idempotent answer of attempt " + attempt.id;
        }
    }

    /** The attempt's marker was taken over by a retry before its command committed. */
    static final class Superseded extends RuntimeException {
        Superseded() {
            super("The Idempotency-Key was taken over by a retry before this attempt's command committed", null, false, false);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
