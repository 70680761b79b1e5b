package io.ticketing.query;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding a projection with more than 100,000 events behind it takes it offline for no one: while both
 * projections are rebuilt, the seat map and the concert list keep answering in full, the status shows
 * REPLAYING with progress, a concert created meanwhile still appears, and at the end the projections are
 * LIVE with read models equal to what the events say (rows tampered with before the rebuild are restored,
 * which proves they were rebuilt and not just left in place).
 */
class ZeroDowntimeReplayTest {
    private static final int CONCERTS = 100;
    private static final int SCHEDULES = 2;
    private static final int ROWS = 20;
    private static final int SEATS_PER_ROW = 25;
    private static final int SEATS = CONCERTS * SCHEDULES * ROWS * SEATS_PER_ROW;
    private static final String SEAT_CHECKSUM = """
            SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', seat_key, schedule_id, seat_label, section, seat_row,
                   seat_number, grade, price, currency, status, IFNULL(reservation_id, '-'), last_sequence))),
                   ':', BIT_XOR(CRC32(CONCAT_WS('|', seat_key, grade, status, last_sequence))))
            FROM seat_view WHERE schedule_id IN (SELECT schedule_id FROM schedule_view WHERE concert_id <> ?)""";

    @RegisterExtension
    static final RunningApps apps = new RunningApps();
    private static final JdbcTemplate events = RunningApps.database(TestEnvironment.EVENTS_DB);
    private static final JdbcTemplate read = RunningApps.database(TestEnvironment.READ_DB);

    @Test
    void projectionsAreRebuiltWhileQueriesKeepAnswering() throws Exception {
        String admin = TestJwts.admin();
        String user = TestJwts.user("reader");
        // Other test classes in this JVM share the databases and the topic: count from here.
        long seatsBefore = read.queryForObject("select count(*) from seat_view", Long.class);
        long concertsBefore = read.queryForObject("select count(*) from concert_view", Long.class);
        long storedBefore = events.queryForObject("select count(*) from domain_event_entry", Long.class);
        Instant writeStart = Instant.now();
        List<ScheduleId> probes = new ArrayList<>();
        for (int i = 0; i < CONCERTS; i++) {
            CreateConcert concert = concert(i);
            probes.add(concert.schedules().get(0).scheduleId());
            apps.commandSide().getBean(CommandGateway.class).sendAndWait(concert);
        }
        double appendSeconds = Duration.between(writeStart, Instant.now()).toMillis() / 1000.0;
        long stored = events.queryForObject("select count(*) from domain_event_entry", Long.class) - storedBefore;
        assertThat(stored).isGreaterThanOrEqualTo(100_000);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).until(() ->
                read.queryForObject("select count(*) from seat_view", Long.class) == seatsBefore + SEATS
                        && read.queryForObject("select count(*) from concert_view", Long.class) == concertsBefore + CONCERTS);
        double liveSeconds = Duration.between(writeStart, Instant.now()).toMillis() / 1000.0;

        String probe = probes.get(3).value();
        String expectedSeats = read.queryForObject(SEAT_CHECKSUM, String.class, "none");
        List<Map<String, Object>> expectedSchedules = read.queryForList("select * from schedule_view order by schedule_id");
        // Damage the live read models: only a real rebuild from the events puts these rows back.
        assertThat(read.update("update seat_view set grade = 'TAMPERED' where schedule_id = ? limit 7",
                probes.get(5).value())).isEqualTo(7);
        assertThat(read.update("delete from schedule_view where schedule_id = ?", probes.get(6).value())).isEqualTo(1);

        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> {
            List<String> failures = new ArrayList<>();
            int answers = 0;
            while (reading.get()) {
                Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/" + probe + "/seats", user);
                if (seats.status() != 200 || seats.body().get("seats").size() != ROWS * SEATS_PER_ROW) {
                    failures.add("seat map: " + seats.status() + " " + abbreviate(seats.raw()));
                }
                Http.Response concerts = Http.get(apps.queryUrl() + "/api/concerts", user);
                if (concerts.status() != 200 || concerts.body().size() < CONCERTS) {
                    failures.add("concerts: " + concerts.status() + " " + abbreviate(concerts.raw()));
                }
                answers++;
            }
            System.out.printf("REPLAY: %d seat-map and concert-list answers during the rebuild%n", answers);
            return failures;
        });

        Instant replayStart = Instant.now();
        for (String projection : List.of("seat-map", "catalog")) {
            Http.Response accepted = Http.post(apps.queryUrl() + "/api/admin/projections/" + projection + "/replay", admin, null);
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
            assertThat(accepted.body().get("status").asText()).isEqualTo("REPLAYING");
        }
        Http.Response twice = Http.post(apps.queryUrl() + "/api/admin/projections/seat-map/replay", admin, null);
        assertThat(twice.status()).as("a second replay while one runs").isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");

        // Progress is shown while it runs.
        double seen = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            for (var projection : status.body()) {
                if (projection.get("name").asText().equals("seat-map") && projection.get("status").asText().equals("REPLAYING")
                        && projection.get("replayProgress").isNumber()) {
                    return projection.get("replayProgress").asDouble();
                }
            }
            return -1.0;
        }, progress -> progress > 0.0 && progress < 1.0);
        String metrics = Http.getText(apps.queryUrl() + "/actuator/prometheus").raw();
        assertThat(metrics).contains("ticketing_projection_replay_progress{");

        // Live updates go on during the rebuild and survive the swap.
        Http.Response late = Http.post(apps.commandUrl() + "/api/admin/concerts", admin, """
                {"title":"Late Show","venue":"Small Hall",
                 "schedules":[{"startsAt":"2027-01-10T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"Z","grade":"S","price":50000,"currency":"KRW","rows":1,"seatsPerRow":3}]}""");
        assertThat(late.status()).isEqualTo(201);
        String lateConcert = late.body().get("concertId").asText();
        String lateSchedule = late.body().get("scheduleIds").get(0).asText();

        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.body().findValuesAsText("status")).containsOnly("LIVE");
            assertThat(status.body().findValues("replayError")).allSatisfy(e -> assertThat(e.isNull()).isTrue());
        });
        double replaySeconds = Duration.between(replayStart, Instant.now()).toMillis() / 1000.0;
        reading.set(false);
        assertThat(reader.get()).as("answers during the rebuild").isEmpty();

        assertThat(read.queryForObject(SEAT_CHECKSUM, String.class, lateConcert)).isEqualTo(expectedSeats);
        assertThat(read.queryForList("select * from schedule_view where concert_id <> ? order by schedule_id", lateConcert))
                .isEqualTo(expectedSchedules);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/" + lateSchedule + "/seats", user);
            assertThat(seats.status()).isEqualTo(200);
            assertThat(seats.body().get("seats")).hasSize(3);
            assertThat(Http.get(apps.queryUrl() + "/api/concerts/" + lateConcert, user).status()).isEqualTo(200);
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.body().findValues("lagEvents")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
        });
        long total = events.queryForObject("select count(*) from domain_event_entry", Long.class);
        System.out.printf("REPLAY: %d events appended in %.1f s (%.0f/s), live read models complete after %.1f s; "
                        + "both projections rebuilt over %d events in %.1f s while serving (%.0f events/s per projection); "
                        + "progress seen mid-way: %.3f%n",
                stored, appendSeconds, stored / appendSeconds, liveSeconds, total, replaySeconds,
                total / replaySeconds, seen);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.substring(0, Math.min(200, text.length()));
    }

    private static CreateConcert concert(int index) {
        List<ScheduleDetails> schedules = IntStream.range(0, SCHEDULES)
                .mapToObj(i -> new ScheduleDetails(ScheduleId.random(),
                        Instant.parse("2026-12-24T19:00:00Z").plusSeconds(i * 86400L), Instant.parse("2026-12-01T10:00:00Z")))
                .toList();
        return new CreateConcert(ConcertId.random(), "Replay " + index, "Arena", schedules,
                List.of(new SectionDetails("A", "R", new Money(1000, "KRW"), ROWS, SEATS_PER_ROW)));
    }
}
