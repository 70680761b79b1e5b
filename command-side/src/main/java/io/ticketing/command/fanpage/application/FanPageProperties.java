package io.ticketing.command.fanpage.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ticketing.fan-page.*}: what the fan's page (served from {@code /}) needs to know that it cannot ask the
 * command side's own origin for.
 *
 * @param queryUrl      the query side's base URL as a browser reaches it; the page reads seat maps, concerts and
 *                      reservations there (another origin: the query side must allow this page's origin, see
 *                      {@code ticketing.web.cors.allowed-origin-patterns})
 * @param devTokenTtl   how long a token from the local dev login lasts
 */
@ConfigurationProperties("ticketing.fan-page")
public record FanPageProperties(@DefaultValue("http://localhost:8081") String queryUrl,
                                @DefaultValue("1h") Duration devTokenTtl) {
}
