package io.ticketing.query.projection.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.projections.config.ProjectionProgress;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code ticketing_projection_lag_events{projection}}: events on the topic not yet applied;
 * {@code ticketing_projection_lag_seconds{projection}}: how old the newest applied event is while the
 * projection is behind (0 when it is at the head). Read when scraped.
 */
@Component
public class ProjectionLagMetrics {

    public ProjectionLagMetrics(MeterRegistry registry, ProjectionAdmin projections, ProjectionProgress progress,
                                ProjectionRebuilds rebuilds) {
        for (String name : ProjectionNames.ALL) {
            Gauge.builder("ticketing.projection.replay.progress",
                            () -> rebuilds.progress(name).map(ProjectionRebuilds.Progress::fraction).orElse(0.0))
                    .tag("projection", name)
                    .description("Share (0..1) of the topic a running rebuild has applied; 0 when none runs")
                    .register(registry);
            Gauge.builder("ticketing.projection.replay.active", () -> rebuilds.isRebuilding(name) ? 1 : 0)
                    .tag("projection", name)
                    .description("1 while the projection is being rebuilt")
                    .register(registry);
            Gauge.builder("ticketing.projection.dead.letters", () -> deadLetters(projections, name))
                    .tag("projection", name)
                    .description("Events parked in the projection's dead-letter queue")
                    .register(registry);
            Gauge.builder("ticketing.projection.lag.events", () -> lagEvents(projections, name))
                    .tag("projection", name)
                    .description("Events on the topic that the projection has not applied yet")
                    .register(registry);
            Gauge.builder("ticketing.projection.lag.seconds", () -> {
                        double behind = lagEvents(projections, name);
                        if (behind <= 0) {
                            return 0.0;
                        }
                        return progress.lastAppliedEventTime(name)
                                .map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0)
                                .orElse(Double.NaN);
                    })
                    .tag("projection", name)
                    .description("Age of the newest applied event while the projection is behind")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    private static double deadLetters(ProjectionAdmin projections, String name) {
        try {
            return projections.deadLetterCount(name);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double lagEvents(ProjectionAdmin projections, String name) {
        try {
            return projections.status(name).lagEvents();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
