package io.ticketing.query.seatmap.application;

import io.ticketing.projections.seatmap.SeatStatus;
import io.ticketing.projections.seatmap.SeatView;
import io.ticketing.projections.seatmap.SeatViewRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Service
@Transactional(readOnly = true)
public class SeatMapQueries {
    private final SeatViewRepository seats;

    public SeatMapQueries(SeatViewRepository seats) {
        this.seats = seats;
    }

    public record SeatCounts(long available, long held, long sold) {
    }

    public record SeatEntry(String seatId, String section, String grade, long price, String currency, SeatStatus status) {
    }

    public record SeatMap(String scheduleId, SeatCounts counts, List<SeatEntry> seats) {
    }

    public Optional<SeatMap> seatMap(String scheduleId) {
        List<SeatView> found = seats.findByScheduleIdOrderBySectionAscSeatRowAscSeatNumberAsc(scheduleId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<SeatStatus, Long> counts = new EnumMap<>(SeatStatus.class);
        for (SeatView seat : found) {
            counts.merge(seat.getStatus(), 1L, Long::sum);
        }
        return Optional.of(new SeatMap(scheduleId,
                new SeatCounts(counts.getOrDefault(SeatStatus.AVAILABLE, 0L), counts.getOrDefault(SeatStatus.HELD, 0L),
                        counts.getOrDefault(SeatStatus.SOLD, 0L)),
                found.stream().map(s -> new SeatEntry(s.getSeatLabel(), s.getSection(), s.getGrade(), s.getPrice(),
                        s.getCurrency(), s.getStatus())).toList()));
    }
}
