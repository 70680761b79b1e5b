package io.ticketing.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers tokens that were verified: a client sends the same bearer token with every poll and command, and
 * parsing and checking it again (base64, JSON, HMAC) was the largest single cost of a queue poll. The key is the
 * whole token, signature included, so only the very bytes that passed verification are let through; an entry
 * lives until its token expires (at most {@code maxAge}), and an expired token is refused even on a hit.
 * Refused tokens are not remembered.
 */
public class CachingJwtDecoder implements JwtDecoder {
    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    public CachingJwtDecoder(JwtDecoder verifier, long maxEntries, Duration maxAge, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        Duration age = maxAge;
                        if (jwt.getExpiresAt() != null) {
                            Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
                            age = left.compareTo(age) < 0 ? left : age;
                        }
                        return Math.max(0, age.toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            Instant expiresAt = known.getExpiresAt();
            if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
                verified.invalidate(token);
                throw new BadJwtException("Jwt expired at " + expiresAt);
            }
            return known;
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
