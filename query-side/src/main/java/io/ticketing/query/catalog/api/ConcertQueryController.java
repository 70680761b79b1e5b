package io.ticketing.query.catalog.api;

import io.ticketing.infra.web.ProblemException;
import io.ticketing.query.catalog.application.CatalogQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/concerts")
public class ConcertQueryController {
    private final CatalogQueries catalog;

    public ConcertQueryController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public List<CatalogQueries.ConcertSummary> all() {
        return catalog.all();
    }

    @GetMapping("/{concertId}")
    public CatalogQueries.ConcertSummary one(@PathVariable String concertId) {
        return catalog.one(concertId).orElseThrow(() -> ProblemException.notFound("Concert " + concertId));
    }
}
