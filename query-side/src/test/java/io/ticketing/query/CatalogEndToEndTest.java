package io.ticketing.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A concert created on the command side shows up, seat by seat, on the query side. */
class CatalogEndToEndTest {
    private static RunningApps apps;

    @BeforeAll
    static void start() {
        apps = new RunningApps().startBoth();
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    @Test
    void createdConcertIsServedWithItsSeatMap() {
        String body = """
                {"title":"Winter Gala","venue":"Olympic Hall",
                 "schedules":[{"startsAt":"2026-12-24T19:00:00.123456Z","salesOpenAt":"2026-12-01T10:00:00Z"},
                              {"startsAt":"2026-12-25T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"VIP","price":150000,"currency":"KRW","rows":2,"seatsPerRow":5},
                             {"name":"B","grade":"R","price":90000,"currency":"KRW","rows":3,"seatsPerRow":4}]}
                """;
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String concertId = created.body().get("concertId").asText();
        String scheduleId = created.body().get("scheduleIds").get(0).asText();
        assertThat(created.body().get("scheduleIds")).hasSize(2);

        String user = TestJwts.user("alice");
        AtomicReference<JsonNode> seatMap = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", user);
            assertThat(seats.status()).isEqualTo(200);
            assertThat(seats.body().get("seats")).hasSize(22);
            seatMap.set(seats.body());
        });
        JsonNode map = seatMap.get();
        assertThat(map.get("scheduleId").asText()).isEqualTo(scheduleId);
        assertThat(map.get("counts").get("available").asLong()).isEqualTo(22);
        assertThat(map.get("counts").get("held").asLong()).isZero();
        assertThat(map.get("counts").get("sold").asLong()).isZero();
        JsonNode first = map.get("seats").get(0);
        assertThat(first.get("seatId").asText()).isEqualTo("A-1-1");
        assertThat(first.get("section").asText()).isEqualTo("A");
        assertThat(first.get("grade").asText()).isEqualTo("VIP");
        assertThat(first.get("price").asLong()).isEqualTo(150000);
        assertThat(first.get("currency").asText()).isEqualTo("KRW");
        assertThat(first.get("status").asText()).isEqualTo("AVAILABLE");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response concert = Http.get(apps.queryUrl() + "/api/concerts/" + concertId, user);
            assertThat(concert.status()).isEqualTo(200);
            assertThat(concert.body().get("title").asText()).isEqualTo("Winter Gala");
            assertThat(concert.body().get("venue").asText()).isEqualTo("Olympic Hall");
            assertThat(concert.body().get("schedules")).hasSize(2);
            // Fractional seconds survive the round trip through event store, Kafka and read model.
            assertThat(concert.body().get("schedules").get(0).get("startsAt").asText())
                    .isEqualTo("2026-12-24T19:00:00.123456Z");
        });
        Http.Response list = Http.get(apps.queryUrl() + "/api/concerts", user);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().findValuesAsText("concertId")).contains(concertId);
    }

    @Test
    void unknownScheduleAndConcertAreProblemNotFound() {
        String user = TestJwts.user("bob");
        Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/nope/seats", user);
        assertThat(seats.status()).isEqualTo(404);
        assertThat(seats.contentType()).startsWith("application/problem+json");
        assertThat(seats.body().get("type").asText()).isEqualTo("urn:ticketing:not-found");
        assertThat(Http.get(apps.queryUrl() + "/api/concerts/nope", user).status()).isEqualTo(404);
    }

    @Test
    void queriesNeedAValidToken() {
        Http.Response anonymous = Http.get(apps.queryUrl() + "/api/concerts", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        String forged = TestJwts.sign("another-secret-that-is-long-enough-0123456789", "mallory",
                java.util.List.of("USER"), Duration.ofHours(1));
        assertThat(Http.get(apps.queryUrl() + "/api/concerts", forged).status()).isEqualTo(401);
        String expired = TestJwts.sign(TestJwts.SECRET, "late", java.util.List.of("USER"), Duration.ofMinutes(-5));
        assertThat(Http.get(apps.queryUrl() + "/api/concerts", expired).status()).isEqualTo(401);
    }

    @Test
    void adminsSeeProjectionStatusAndCanReplayOne() {
        String admin = TestJwts.admin();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body().findValuesAsText("name")).containsExactlyInAnyOrder("catalog", "seat-map");
            assertThat(status.body().findValuesAsText("status")).containsOnly("LIVE");
            assertThat(status.body().findValues("lagEvents")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
        });
        assertThat(Http.get(apps.queryUrl() + "/api/admin/projections", TestJwts.user("eve")).status()).isEqualTo(403);
        Http.Response unknown = Http.post(apps.queryUrl() + "/api/admin/projections/nope/replay", admin, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Http.Response replay = Http.post(apps.queryUrl() + "/api/admin/projections/catalog/replay", admin, null);
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.body().findValuesAsText("status")).containsOnly("LIVE");
            assertThat(status.body().findValues("lagEvents")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
        });
    }
}
