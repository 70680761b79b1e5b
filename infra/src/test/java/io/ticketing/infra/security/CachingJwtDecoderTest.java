package io.ticketing.infra.security;

import io.ticketing.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<String> verified = new ArrayList<>();

    /** Accepts tokens named "good-…" until the hour, refuses anything else, and records every call. */
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject(token.substring(5))
                .issuedAt(Instant.parse("2026-12-01T09:59:00Z")).expiresAt(Instant.parse("2026-12-01T11:00:00Z")).build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, Duration.ofMinutes(10), clock);

    @Test
    void aTokenThatPassedIsNotVerifiedAgain() {
        assertThat(decoder.decode("good-alice").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("good-alice").getSubject()).isEqualTo("alice");
        assertThat(verified).containsExactly("good-alice");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        assertThatThrownBy(() -> decoder.decode("forged-alice")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged-alice")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("forged-alice", "forged-alice");
    }

    @Test
    void onlyTheVeryBytesThatPassedAreRemembered() {
        decoder.decode("good-alice");
        assertThatThrownBy(() -> decoder.decode("good-alicf".replace("good", "evil"))).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("good-alice", "evil-alicf");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        decoder.decode("good-alice");
        clock.set(Instant.parse("2026-12-01T11:00:00Z"));
        assertThatThrownBy(() -> decoder.decode("good-alice")).isInstanceOf(BadJwtException.class);
    }
}
