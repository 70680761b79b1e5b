package io.ticketing.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code ticketing.web.*}: bounds on what one request may make the app read.
 *
 * @param maxRequestBody     the largest request body any endpoint accepts (default 64 KB; the largest legitimate body,
 *                           a concert of 50 schedules and 50 sections, is about 10 KB); more: 413
 * @param requestBodyTimeout how long reading one request body may take in all (default 10 s), however slowly its
 *                           bytes trickle in; longer: 408. Tomcat's connection timeout bounds each single wait
 */
@ConfigurationProperties("ticketing.web")
public record WebLimitsProperties(@DefaultValue("64KB") DataSize maxRequestBody,
                                  @DefaultValue("10s") Duration requestBodyTimeout) {
}
