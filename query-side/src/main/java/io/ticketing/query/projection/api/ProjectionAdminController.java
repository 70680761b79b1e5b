package io.ticketing.query.projection.api;

import io.ticketing.query.projection.application.ProjectionAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionAdminController {
    private final ProjectionAdmin projections;

    public ProjectionAdminController(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @GetMapping
    public List<ProjectionAdmin.ProjectionStatus> all() {
        return projections.statuses();
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionAdmin.ProjectionStatus replay(@PathVariable String name) {
        projections.replay(name);
        return projections.status(name);
    }

    @GetMapping("/{name}/dead-letters")
    public List<ProjectionAdmin.DeadLetterView> deadLetters(@PathVariable String name) {
        return projections.deadLetters(name);
    }

    @PostMapping("/{name}/dead-letters/retry")
    public ProjectionAdmin.RetryOutcome retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }
}
