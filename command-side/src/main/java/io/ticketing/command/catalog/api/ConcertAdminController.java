package io.ticketing.command.catalog.api;

import io.ticketing.command.catalog.application.CatalogService;
import io.ticketing.command.catalog.application.ConcertCreationJobs;
import io.ticketing.command.catalog.application.NewConcert;
import io.ticketing.infra.web.ProblemException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
public class ConcertAdminController {
    static final String JOBS = "/api/admin/concert-jobs/";

    private final CatalogService catalog;

    public ConcertAdminController(CatalogService catalog) {
        this.catalog = catalog;
    }

    /**
     * 201 with the concert for up to {@code ticketing.catalog.sync-max-seats} seats, as the contract always said; a
     * larger concert is 202 with its creation job, to be followed at the {@code Location}.
     */
    @PostMapping("/api/admin/concerts")
    public ResponseEntity<Object> create(@Valid @RequestBody CreateConcertRequest request) {
        CatalogService.Creation creation = catalog.create(request.title(), request.venue(),
                request.schedules().stream()
                        .map(s -> new CatalogService.ScheduleInput(s.startsAt(), s.salesOpenAt())).toList(),
                request.sections().stream()
                        .map(s -> new CatalogService.SectionInput(s.name(), s.grade(), s.price(), s.currency(),
                                s.rows(), s.seatsPerRow())).toList());
        if (creation instanceof CatalogService.Accepted accepted) {
            return ResponseEntity.accepted().location(URI.create(JOBS + accepted.job().jobId())).body(accepted.job());
        }
        NewConcert created = ((CatalogService.Created) creation).concert();
        return ResponseEntity.status(HttpStatus.CREATED).body(new ConcertCreatedResponse(created.concertId().value(),
                created.scheduleIds().stream().map(Object::toString).toList()));
    }

    @GetMapping(JOBS + "{jobId}")
    public ConcertCreationJobs.JobResponse job(@PathVariable String jobId) {
        return catalog.job(jobId).orElseThrow(() -> ProblemException.notFound("Concert creation job " + jobId));
    }
}
