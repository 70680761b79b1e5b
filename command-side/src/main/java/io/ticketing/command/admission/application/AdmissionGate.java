package io.ticketing.command.admission.application;

import io.ticketing.infra.admission.RedisWaitingRoom;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Decides whether a seat or payment command may go on to the CommandGateway: the request must carry a valid
 * admission token of its user for that schedule, and the admission must still hold a slot in Redis. The
 * token check needs neither Redis nor the database; Redis is asked only for a well-signed, unexpired token.
 */
@Service
public class AdmissionGate {
    private final AdmissionTokens tokens;
    private final RedisWaitingRoom redis;
    private final QueueMetrics metrics;

    public AdmissionGate(AdmissionTokens tokens, RedisWaitingRoom redis, QueueMetrics metrics) {
        this.tokens = tokens;
        this.redis = redis;
        this.metrics = metrics;
    }

    public enum Outcome { ADMITTED, REFUSED, UNAVAILABLE }

    public record Decision(Outcome outcome, String reason) {
    }

    /** {@code scheduleId} null when the path names no schedule: a slot for any schedule will do. */
    public Decision check(String token, String userId, String scheduleId) {
        Instant now = Instant.now();
        AdmissionTokens.Verdict verdict = tokens.verify(token, userId, scheduleId, now);
        if (verdict instanceof AdmissionTokens.Refused refused) {
            return refuse(refused);
        }
        AdmissionTokens.Admission admission = ((AdmissionTokens.Valid) verdict).admission();
        boolean active;
        try {
            active = redis.isActive(admission.scheduleId(), userId, now);
        } catch (RuntimeException redisDown) {
            metrics.gateRejected("redis-down");
            return new Decision(Outcome.UNAVAILABLE, "redis-down");
        }
        if (!active) {
            metrics.gateRejected("not-admitted");
            return new Decision(Outcome.REFUSED, "not-admitted");
        }
        return new Decision(Outcome.ADMITTED, null);
    }

    /**
     * For a command that continues what an admission started (paying for a hold): the caller shows an admission
     * token we issued to them, even one whose admission has ended since, and Redis is not asked. Whether the hold
     * can still be paid is the hold's own rule (its owner, HELD, before its expiresAt), decided where the payment
     * order is opened; a slot that expired or a Redis restart must not take a running hold from its owner.
     */
    public Decision checkIssued(String token, String userId) {
        AdmissionTokens.Verdict verdict = tokens.verifyIssuedTo(token, userId);
        if (verdict instanceof AdmissionTokens.Refused refused) {
            return refuse(refused);
        }
        return new Decision(Outcome.ADMITTED, null);
    }

    private Decision refuse(AdmissionTokens.Refused refused) {
        String reason = refused.problem().name().toLowerCase().replace('_', '-');
        metrics.gateRejected(reason);
        return new Decision(Outcome.REFUSED, reason);
    }
}
