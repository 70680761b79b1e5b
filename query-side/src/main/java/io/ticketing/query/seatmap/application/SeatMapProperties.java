package io.ticketing.query.seatmap.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ticketing.query.seat-map-max-age} (default 250 ms, 0 = every request reads the read model): how old a
 * served seat map may be. In a sale everyone asks for the same map at once; within this age they share one
 * read of the read model instead of each paying for it. The map is eventually consistent anyway (projection
 * lag); this adds at most that age. Holds are decided by the write model, never by the map.
 */
@Validated
@ConfigurationProperties("ticketing.query")
public record SeatMapProperties(@DefaultValue("250ms") @DurationMin(millis = 0) Duration seatMapMaxAge) {
}
