package io.ticketing.query;

import io.ticketing.projections.ProjectionNames;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestDatabases;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side's health follows its projections' processors (issue 20): a stopped projection processor makes
 * the overall health and both probes DOWN over HTTP until it runs again; a rebuild, which holds the live
 * processor still on purpose for about one batch, never does.
 */
class ProjectionHealthTest {
    private static final List<String> PROBES = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");
    // Databases and a topic of its own: its concert must not become part of another test's history
    // (PipelineIntegrityTest counts every schedule in the JVM's shared event store as its own).
    private static final String TOPIC = "ticketing.events.health-" + TestDatabases.runId();
    @RegisterExtension
    static final RunningApps apps = new RunningApps(Map.of(
            "spring.datasource.url", TestDatabases.jdbcUrl(TestDatabases.name("health_events")),
            "ticketing.kafka.topic.name", TOPIC), Map.of(
            "spring.datasource.url", TestDatabases.jdbcUrl(TestDatabases.name("health_read")),
            "ticketing.kafka.topic.name", TOPIC));

    @Test
    void aStoppedProjectionProcessorMakesEveryProbeDownUntilItRunsAgain() {
        awaitHealth(200);
        for (String name : ProjectionNames.ALL) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            awaitHealth(503);
            assertThat(Http.getText(apps.queryUrl() + "/actuator/prometheus").raw())
                    .contains("ticketing_processor_running{application=\"query-side\",processor=\"" + name + "\"} 0.0");

            processor.start();
            awaitHealth(200);
            assertThat(Http.getText(apps.queryUrl() + "/actuator/prometheus").raw())
                    .contains("ticketing_processor_running{application=\"query-side\",processor=\"" + name + "\"} 1.0");
        }
    }

    @Test
    void aRebuildDoesNotTurnHealthDown() {
        String concert = """
                {"title":"Health Gala","venue":"Hall","schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"VIP","price":1000,"currency":"KRW","rows":10,"seatsPerRow":50}]}
                """;
        assertThat(Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), concert).status()).isEqualTo(201);
        awaitHealth(200);
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        CompletableFuture<List<Integer>> downs = CompletableFuture.supplyAsync(() -> {
            List<Integer> seen = new java.util.ArrayList<>();
            while (rebuilding.get()) {
                int status = Http.getText(apps.queryUrl() + "/actuator/health/readiness").status();
                polls.incrementAndGet();
                if (status != 200) {
                    seen.add(status);
                }
            }
            return seen;
        });
        assertThat(Http.post(apps.queryUrl() + "/api/admin/projections/seat-map/replay", TestJwts.admin(), null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                Http.get(apps.queryUrl() + "/api/admin/projections", TestJwts.admin()).body().findValues("status")
                        .stream().allMatch(status -> "LIVE".equals(status.asText())));
        rebuilding.set(false);
        assertThat(downs.join()).as("readiness answers other than 200 during a rebuild (%d polls)", polls.get()).isEmpty();
        awaitHealth(200);
    }

    private static StreamingEventProcessor processor(String name) {
        return apps.querySide().getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private static void awaitHealth(int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String path : PROBES) {
                assertThat(Http.getText(apps.queryUrl() + path).status()).as(path).isEqualTo(status);
            }
        });
    }
}
