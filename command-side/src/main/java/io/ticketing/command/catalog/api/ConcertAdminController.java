package io.ticketing.command.catalog.api;

import io.ticketing.command.catalog.application.CatalogService;
import io.ticketing.command.catalog.application.NewConcert;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/concerts")
public class ConcertAdminController {
    private final CatalogService catalog;

    public ConcertAdminController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ConcertCreatedResponse create(@Valid @RequestBody CreateConcertRequest request) {
        NewConcert created = catalog.createConcert(request.title(), request.venue(),
                request.schedules().stream()
                        .map(s -> new CatalogService.ScheduleInput(s.startsAt(), s.salesOpenAt())).toList(),
                request.sections().stream()
                        .map(s -> new CatalogService.SectionInput(s.name(), s.grade(), s.price(), s.currency(),
                                s.rows(), s.seatsPerRow())).toList());
        return new ConcertCreatedResponse(created.concertId().value(),
                created.scheduleIds().stream().map(Object::toString).toList());
    }
}
