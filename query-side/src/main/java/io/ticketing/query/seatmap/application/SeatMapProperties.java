package io.ticketing.query.seatmap.application;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code ticketing.query.seat-map-max-age} (default 250 ms, 0 = every request reads the read model): how old a
 * served seat map may be. In a sale everyone asks for the same map at once; within this age they share one
 * read of the read model instead of each paying for it. The map is eventually consistent anyway (projection
 * lag); this adds at most that age. Holds are decided by the write model, never by the map.
 */
@ConfigurationProperties("ticketing.query")
public record SeatMapProperties(Duration seatMapMaxAge) {
    public SeatMapProperties {
        if (seatMapMaxAge == null || seatMapMaxAge.isNegative()) {
            seatMapMaxAge = Duration.ofMillis(250);
        }
    }
}
