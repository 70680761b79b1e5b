package io.ticketing.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens as a real client would present them, signed with the tests' secret. */
public final class TestJwts {
    public static final String SECRET = "test-jwt-secret-for-the-ticketing-engine-0123456789";

    private TestJwts() {
    }

    public static String user(String userId) {
        return sign(SECRET, userId, List.of("USER"), Duration.ofHours(1));
    }

    public static String admin() {
        return sign(SECRET, "admin", List.of("ADMIN"), Duration.ofHours(1));
    }

    public static String sign(String secret, String subject, List<String> roles, Duration validFor) {
        return sign(secret, new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(validFor)))
                .build());
    }

    /** A token with exactly these claims (for tokens a client should not have: no exp, no sub), correctly signed. */
    public static String sign(JWTClaimsSet claims) {
        return sign(SECRET, claims);
    }

    private static String sign(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
