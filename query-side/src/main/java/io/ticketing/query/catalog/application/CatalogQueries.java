package io.ticketing.query.catalog.application;

import io.ticketing.projections.catalog.ConcertView;
import io.ticketing.projections.catalog.ConcertViewRepository;
import io.ticketing.projections.catalog.ScheduleView;
import io.ticketing.projections.catalog.ScheduleViewRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

@Service
@Transactional(readOnly = true)
public class CatalogQueries {
    private final ConcertViewRepository concerts;
    private final ScheduleViewRepository schedules;

    public CatalogQueries(ConcertViewRepository concerts, ScheduleViewRepository schedules) {
        this.concerts = concerts;
        this.schedules = schedules;
    }

    public record ScheduleSummary(String scheduleId, Instant startsAt, Instant salesOpenAt) {
    }

    public record ConcertSummary(String concertId, String title, String venue, List<ScheduleSummary> schedules) {
    }

    public List<ConcertSummary> all() {
        return withSchedules(concerts.findAllByOrderByCreatedAtDesc());
    }

    public Optional<ConcertSummary> one(String concertId) {
        return concerts.findById(concertId).map(c -> withSchedules(List.of(c)).get(0));
    }

    private List<ConcertSummary> withSchedules(List<ConcertView> found) {
        Map<String, List<ScheduleView>> byConcert = schedules
                .findByConcertIdInOrderByStartsAt(found.stream().map(ConcertView::getConcertId).toList())
                .stream().collect(Collectors.groupingBy(ScheduleView::getConcertId));
        return found.stream().map(c -> new ConcertSummary(c.getConcertId(), c.getTitle(), c.getVenue(),
                byConcert.getOrDefault(c.getConcertId(), List.of()).stream()
                        .map(s -> new ScheduleSummary(s.getScheduleId(), s.getStartsAt(), s.getSalesOpenAt()))
                        .toList())).toList();
    }
}
