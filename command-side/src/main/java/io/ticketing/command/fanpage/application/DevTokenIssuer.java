package io.ticketing.command.fanpage.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ticketing.infra.security.JwtProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Signs USER bearer tokens with the configured JWT secret, for the fan's page on a laptop. Only in the
 * {@code local} profile: anywhere else tokens come from a real identity provider, and a bean that mints them
 * must not exist at all.
 */
@Component
@Profile("local")
public class DevTokenIssuer {
    private final byte[] secret;
    private final FanPageProperties properties;
    private final Clock clock;

    public DevTokenIssuer(JwtProperties jwt, FanPageProperties properties) {
        this.secret = jwt.jwtSecret().getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public record DevToken(String token, String userId, List<String> roles, Instant expiresAt) {
    }

    public DevToken issue(String userId) {
        Instant now = clock.instant();
        // A JWT's exp has whole seconds: answer the instant the token really carries.
        Instant expiresAt = now.plus(properties.devTokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        List<String> roles = List.of("USER");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return new DevToken(jwt.serialize(), userId, roles, expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("The JWT secret cannot sign HS256 tokens", e);
        }
    }
}
