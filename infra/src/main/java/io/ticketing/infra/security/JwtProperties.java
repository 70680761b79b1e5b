package io.ticketing.infra.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param jwtSecret the HS256 key for bearer tokens ({@code TICKETING_JWT_SECRET}); at least 32 bytes,
 *                  as HS256 requires a 256-bit key
 */
@Validated
@ConfigurationProperties("ticketing.security")
public record JwtProperties(@NotBlank @Size(min = 32) String jwtSecret) {
}
