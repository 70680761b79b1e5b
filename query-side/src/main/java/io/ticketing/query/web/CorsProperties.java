package io.ticketing.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code ticketing.cors.*}: which browser origins may call the query side's API. The fan's page is served by the
 * command side (another port, so another origin) and reads seat maps, concerts and reservations here. Unset (the
 * default outside the {@code local} profile), no origin is allowed and nothing about CORS is configured.
 *
 * @param allowedOriginPatterns origins such as {@code http://localhost:8080}; Spring's patterns allowed
 *                              ({@code http://127.0.0.1:[*]})
 * @param maxAge                how long a browser may cache a preflight answer
 */
@ConfigurationProperties("ticketing.cors")
public record CorsProperties(@DefaultValue List<String> allowedOriginPatterns, @DefaultValue("30m") Duration maxAge) {
}
