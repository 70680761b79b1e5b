package io.ticketing.query.seatmap.application;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.ticketing.projections.seatmap.SeatMapRow;
import io.ticketing.projections.seatmap.SeatStatus;
import io.ticketing.projections.seatmap.SeatViewRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seat map of a schedule, at most {@code ticketing.query.seat-map-max-age} old: concurrent requests for
 * the same schedule share one read of the read model (Caffeine loads a key once however many ask).
 */
@Service
@EnableConfigurationProperties(SeatMapProperties.class)
public class SeatMapQueries {
    private final SeatViewRepository seats;
    private final LoadingCache<String, Optional<SeatMap>> recent;

    public SeatMapQueries(SeatViewRepository seats, SeatMapProperties properties) {
        this.seats = seats;
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(properties.seatMapMaxAge())
                .maximumSize(properties.seatMapMaxAge().isZero() ? 0 : 1_000)
                .build(this::read);
    }

    public record SeatCounts(long available, long held, long sold) {
    }

    public record SeatEntry(String seatId, String section, String grade, long price, String currency, SeatStatus status) {
    }

    public record SeatMap(String scheduleId, SeatCounts counts, List<SeatEntry> seats) {
    }

    public Optional<SeatMap> seatMap(String scheduleId) {
        return recent.get(scheduleId);
    }

    private Optional<SeatMap> read(String scheduleId) {
        List<SeatMapRow> found = seats.seatMapOf(scheduleId); // a read-only transaction of its own
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<SeatStatus, Long> counts = new EnumMap<>(SeatStatus.class);
        for (SeatMapRow seat : found) {
            counts.merge(seat.status(), 1L, Long::sum);
        }
        return Optional.of(new SeatMap(scheduleId,
                new SeatCounts(counts.getOrDefault(SeatStatus.AVAILABLE, 0L), counts.getOrDefault(SeatStatus.HELD, 0L),
                        counts.getOrDefault(SeatStatus.SOLD, 0L)),
                found.stream().map(s -> new SeatEntry(s.seatLabel(), s.section(), s.grade(), s.price(),
                        s.currency(), s.status())).toList()));
    }
}
