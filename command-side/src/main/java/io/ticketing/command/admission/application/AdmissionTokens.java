package io.ticketing.command.admission.application;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * Admission tokens: {@code <user>.<schedule>.<expiry ms>.<HMAC-SHA256>} (the first two base64url), signed with
 * {@code ticketing.queue.token-secret}. Checked without Redis or the database, so a forged or stale token
 * costs almost nothing to refuse.
 */
@Component
public class AdmissionTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    public AdmissionTokens(AdmissionProperties properties) {
        this.secret = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
    }

    public enum Problem { MISSING, INVALID, EXPIRED, WRONG_SCHEDULE }

    public record Admission(String userId, String scheduleId, Instant expiresAt) {
    }

    public sealed interface Verdict permits Valid, Refused {
    }

    public record Valid(Admission admission) implements Verdict {
    }

    public record Refused(Problem problem) implements Verdict {
    }

    public String issue(String userId, String scheduleId, Instant expiresAt) {
        String body = encode(userId) + "." + encode(scheduleId) + "." + expiresAt.toEpochMilli();
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    /** {@code scheduleId} null: any schedule will do (the path does not name one). */
    public Verdict verify(String token, String userId, String scheduleId, Instant now) {
        Verdict issued = verifyIssuedTo(token, userId);
        if (!(issued instanceof Valid valid)) {
            return issued;
        }
        if (!valid.admission().expiresAt().isAfter(now)) {
            return new Refused(Problem.EXPIRED);
        }
        if (scheduleId != null && !valid.admission().scheduleId().equals(scheduleId)) {
            return new Refused(Problem.WRONG_SCHEDULE);
        }
        return valid;
    }

    /** Only that the token is well formed, signed by us and the caller's: expired or not, for whichever schedule. */
    public Verdict verifyIssuedTo(String token, String userId) {
        if (token == null || token.isBlank()) {
            return new Refused(Problem.MISSING);
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length != 4) {
            return new Refused(Problem.INVALID);
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        try {
            if (!MessageDigest.isEqual(mac(body), DECODER.decode(parts[3]))) {
                return new Refused(Problem.INVALID);
            }
            Admission admission = new Admission(decode(parts[0]), decode(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(parts[2])));
            if (!admission.userId().equals(userId)) {
                return new Refused(Problem.INVALID);
            }
            return new Valid(admission);
        } catch (IllegalArgumentException e) {
            return new Refused(Problem.INVALID);
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(DECODER.decode(value), StandardCharsets.UTF_8);
    }
}
