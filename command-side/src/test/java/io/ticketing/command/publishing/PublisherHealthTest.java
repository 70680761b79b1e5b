package io.ticketing.command.publishing;

import io.ticketing.command.reservation.application.ReservationProcess;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health tells the truth about the command side's processors (issue 20): over real HTTP, the overall health and
 * both probes turn DOWN (503) when the Kafka publisher or the reservation process stops, and when the publisher
 * is alive but stuck, and UP again once they run and catch up. The gauges the alert rules read follow.
 */
class PublisherHealthTest {
    private static IsolatedCommandSide app;
    private static BookingClient client;

    @BeforeAll
    static void start() {
        app = IsolatedCommandSide.start("health", Map.of("ticketing.health.max-publisher-lag", "2s"));
        client = app.client();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStoppedProcessorMakesEveryProbeDownUntilItRunsAgain() {
        client.createSchedule(1, 2, 10_000);
        awaitHealth(200);
        for (String name : List.of(KafkaEventForwarder.PROCESSING_GROUP, ReservationProcess.PROCESSING_GROUP)) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            awaitHealth(503);
            assertThat(client.get("/actuator/prometheus").text())
                    .contains("ticketing_processor_running{application=\"command-side\",processor=\"" + name + "\"} 0.0");

            processor.start();
            awaitHealth(200);
            assertThat(client.get("/actuator/prometheus").text())
                    .contains("ticketing_processor_running{application=\"command-side\",processor=\"" + name + "\"} 1.0");
        }
    }

    @Test
    void aPublisherThatRunsButNoLongerMovesMakesHealthDown() throws Exception {
        awaitHealth(200);
        DataSource dataSource = app.bean(DataSource.class);
        // Hold the publisher's token row: its next batch is sent but cannot commit, so its position stays put
        // while it keeps running, not in error (the lock wait is far longer than the test) — as a publisher whose
        // event-store reader died keeps "running".
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement(
                    "SELECT token FROM token_entry WHERE processor_name = ? FOR UPDATE")) {
                select.setString(1, KafkaEventForwarder.PROCESSING_GROUP);
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).as("the publisher has a token row").isTrue();
                }
            }
            client.createSchedule(1, 3, 10_000);

            awaitHealth(503);
            assertThat(processor(KafkaEventForwarder.PROCESSING_GROUP).isRunning()).isTrue();
            assertThat(processor(KafkaEventForwarder.PROCESSING_GROUP).isError()).isFalse();
            String metrics = client.get("/actuator/prometheus").text();
            assertThat(metrics).contains("ticketing_processor_running{application=\"command-side\",processor=\""
                    + KafkaEventForwarder.PROCESSING_GROUP + "\"} 1.0");
            assertThat(gauge(metrics, "ticketing_publisher_lag_seconds")).isGreaterThan(2.0);
            assertThat(gauge(metrics, "ticketing_publisher_lag_events")).isGreaterThan(0.0);
            lock.rollback();
        }
        awaitHealth(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(gauge(client.get("/actuator/prometheus").text(), "ticketing_publisher_lag_events")).isZero());
    }

    private static StreamingEventProcessor processor(String name) {
        return app.bean(EventProcessingConfiguration.class).eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private static void awaitHealth(int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                assertThat(client.get(path).status()).as(path).isEqualTo(status);
            }
        });
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not exported"));
    }
}
