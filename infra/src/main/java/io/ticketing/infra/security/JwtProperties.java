package io.ticketing.infra.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param jwtSecret    the HS256 key for bearer tokens ({@code TICKETING_JWT_SECRET}); at least 32 bytes,
 *                     as HS256 requires a 256-bit key
 * @param jwtCacheSize how many verified tokens are remembered (default 50,000; 0 or less: none), so a client's
 *                     repeated requests skip parsing and verifying its token again
 */
@Validated
@ConfigurationProperties("ticketing.security")
public record JwtProperties(@NotBlank @Size(min = 32) String jwtSecret, @DefaultValue("50000") Long jwtCacheSize) {
}
