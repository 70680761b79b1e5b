package io.ticketing.command.catalog;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import io.ticketing.testsupport.TestDatabases;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A concert creation job interrupted by a crash (issue 19, point 2): the command side runs as a child JVM
 * ({@link StallAfterBatchCommit}) that stops dead right after the COMMIT of the job's third seat batch; the test sees
 * the job RUNNING with progress, kills the JVM (SIGKILL) and starts the command side again on the same databases.
 * The same job id's status then reaches COMPLETED (the restarted instance revives the dead db-scheduler execution
 * and resumes the job after its last stored batch): every seat is in the event store exactly once, the concert once
 * and after all its seats, and the status names the schedules the seats belong to. A further restart still answers
 * the finished job's status from the database. Before the jobs were durable, the restarted side answered 404 and the
 * concert was never created.
 */
class ConcertCreationJobCrashTest {
    private static final int ROWS = 10;
    private static final int SEATS_PER_ROW = 100;
    private static final int SCHEDULES = 2;
    /** 2 schedules x 10 rows x 100 seats: ten batches of two rows (200 seats), then the concert. */
    private static final int SEATS = SCHEDULES * ROWS * SEATS_PER_ROW;

    @Test
    void aJobInterruptedByACrashIsResumedAndCompletesWithEverySeatOnce() throws Exception {
        int port = freePort();
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", port);
        settings.put("ticketing.catalog.batch-seats", 200);
        settings.put("ticketing.catalog.sync-max-seats", 500);
        // A dead execution is noticed within seconds here (1 s x 4, db-scheduler's least limit; in production 10 s x 6).
        settings.put("db-scheduler.heartbeat-interval", "1s");
        settings.put("db-scheduler.missed-heartbeats-limit", 4);
        IsolatedCommandSide side = IsolatedCommandSide.prepare("job-crash", settings);

        String jobId;
        String concertId;
        Process child = startChild(side, port);
        try {
            BookingClient client = new BookingClient(port);
            await("the child command side is up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .failFast("the child ended", () -> !child.isAlive())
                    .ignoreExceptions().until(() -> client.get("/actuator/health").status() > 0);

            Answer accepted = client.send("POST", "/api/admin/concerts", TestJwts.admin(), concert(), Map.of());
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            jobId = accepted.string("jobId");
            concertId = accepted.string("concertId");
            assertThat(accepted.body()).containsEntry("seatsTotal", SEATS);

            AtomicReference<Answer> seen = new AtomicReference<>();
            await("the job shows progress").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .failFast("the child ended", () -> !child.isAlive())
                    .until(() -> {
                        seen.set(status(client, jobId));
                        return "RUNNING".equals(seen.get().string("status"))
                                && ((Number) seen.get().body().get("seatsCreated")).intValue() > 0;
                    });
            // Mid-way, as the crash finds it: some seats stored, no concert.
            await("the stalled batch is committed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> seatEvents(side, concertId) >= StallAfterBatchCommit.STALL_AFTER * 200L);
            assertThat(concertEvents(side, concertId)).isZero();
            Answer beforeCrash = status(client, jobId);
            assertThat(beforeCrash.string("status")).as(beforeCrash.text()).isEqualTo("RUNNING");
            assertThat(((Number) beforeCrash.body().get("seatsCreated")).longValue()).isLessThan(SEATS);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is dead").isTrue();
        }
        assertThat(seatEvents(side, concertId)).as("the crash came after a committed batch, before the concert")
                .isEqualTo(StallAfterBatchCommit.STALL_AFTER * 200L);

        side.start();
        try {
            BookingClient restarted = side.client();
            AtomicReference<Answer> last = new AtomicReference<>();
            await("the job is resumed and completes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        last.set(status(restarted, jobId));
                        assertThat(last.get().status()).as("the job's status after the restart: " + last.get().text())
                                .isEqualTo(200);
                        assertThat(last.get().string("status")).as(last.get().text()).isIn("COMPLETED", "FAILED");
                    });
            Answer done = last.get();
            assertThat(done.string("status")).as(done.text()).isEqualTo("COMPLETED");
            assertThat(done.body()).containsEntry("jobId", jobId).containsEntry("concertId", concertId)
                    .containsEntry("seatsTotal", SEATS).containsEntry("seatsCreated", SEATS)
                    .containsEntry("progress", 1.0).doesNotContainKey("error");
            List<String> scheduleIds = scheduleIds(done);
            assertThat(scheduleIds).hasSize(SCHEDULES).doesNotHaveDuplicates();

            List<Object> history = EventHistory.payloads(side.bean(EventStore.class));
            Map<SeatId, Integer> seatCounts = new HashMap<>();
            int lastSeat = -1;
            List<Integer> concertAt = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                Object event = history.get(i);
                if (event instanceof SeatCreated seat && seat.concertId().value().equals(concertId)) {
                    seatCounts.merge(seat.seatId(), 1, Integer::sum);
                    lastSeat = i;
                } else if (event instanceof ConcertCreated created && created.concertId().value().equals(concertId)) {
                    concertAt.add(i);
                }
            }
            assertThat(seatCounts).as("every seat stored").hasSize(SEATS);
            assertThat(seatCounts.values()).as("every seat stored once").containsOnly(1);
            Set<String> seatSchedules = new HashSet<>();
            seatCounts.keySet().forEach(seat -> seatSchedules.add(seat.scheduleId().value()));
            assertThat(seatSchedules).as("the status names the seats' schedules")
                    .containsExactlyInAnyOrderElementsOf(scheduleIds);
            assertThat(concertAt).as("the concert, once").hasSize(1);
            assertThat(concertAt.get(0)).as("the concert's event after all its seats").isGreaterThan(lastSeat);
            assertThat(restarted.send("POST", "/api/queue/" + scheduleIds.get(0) + "/entries",
                    TestJwts.user("fan-after-crash"), null, Map.of()).status()).as("its waiting room").isEqualTo(201);

            // A finished job's status survives a restart too: it is answered from the database.
            side.restart();
            Answer afterRestart = status(side.client(), jobId);
            assertThat(afterRestart.status()).as(afterRestart.text()).isEqualTo(200);
            assertThat(afterRestart.body()).isEqualTo(done.body());
        } finally {
            side.stop();
        }
    }

    private static String concert() {
        String schedule = "{\"startsAt\":\"2030-12-24T19:00:00Z\",\"salesOpenAt\":\"2026-01-01T10:00:00Z\"}";
        return "{\"title\":\"Crash Stadium\",\"venue\":\"Bowl\",\"schedules\":["
                + String.join(",", java.util.Collections.nCopies(SCHEDULES, schedule)) + "],"
                + "\"sections\":[{\"name\":\"K\",\"grade\":\"R\",\"price\":1000,\"currency\":\"KRW\","
                + "\"rows\":" + ROWS + ",\"seatsPerRow\":" + SEATS_PER_ROW + "}]}";
    }

    private static Answer status(BookingClient client, String jobId) {
        return client.send("GET", "/api/admin/concert-jobs/" + jobId, TestJwts.admin(), null, Map.of());
    }

    private static List<String> scheduleIds(Answer answer) {
        return ((List<?>) answer.body().get("scheduleIds")).stream().map(Object::toString).toList();
    }

    private static long seatEvents(IsolatedCommandSide side, String concertId) throws SQLException {
        // A seat's aggregate id is <scheduleId>/<position>; its SeatCreated names the concert only in the payload.
        return count(side, "SELECT COUNT(DISTINCT aggregate_identifier) FROM domain_event_entry "
                + "WHERE payload_type LIKE '%SeatCreated' AND CONVERT(payload USING utf8mb4) LIKE ?", "%" + concertId + "%");
    }

    private static long concertEvents(IsolatedCommandSide side, String concertId) throws SQLException {
        return count(side, "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", concertId);
    }

    private static long count(IsolatedCommandSide side, String sql, String parameter) throws SQLException {
        try (Connection connection = TestDatabases.connect(side.database());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Process startChild(IsolatedCommandSide side, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StallAfterBatchCommit.class.getName()));
        command.addAll(side.arguments());
        Path log = Files.createDirectories(Path.of("target")).resolve("job-crash-test-child-" + port + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
