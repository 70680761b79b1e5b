package io.ticketing.query.seatmap.api;

import io.ticketing.infra.web.ProblemException;
import io.ticketing.query.seatmap.application.SeatMapQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SeatMapController {
    private final SeatMapQueries seatMaps;

    public SeatMapController(SeatMapQueries seatMaps) {
        this.seatMaps = seatMaps;
    }

    @GetMapping("/api/schedules/{scheduleId}/seats")
    public SeatMapQueries.SeatMap seats(@PathVariable String scheduleId) {
        return seatMaps.seatMap(scheduleId).orElseThrow(() -> ProblemException.notFound("Schedule " + scheduleId));
    }
}
