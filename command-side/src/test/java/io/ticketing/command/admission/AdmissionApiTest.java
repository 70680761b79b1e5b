package io.ticketing.command.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.command.admission.application.AdmissionTokens;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The waiting room and the gate over real HTTP, against the machine's Redis and this run's event store. */
@CommandSideTest
class AdmissionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    AdmissionTokens tokens;
    @Autowired
    EventStore eventStore;

    record Answer(int status, HttpHeaders headers, JsonNode body) {
    }

    @Test
    void aUserQueuesIsAdmittedAndPassesTheGateWithTheirToken() throws Exception {
        String schedule = schedule(Instant.now().minus(1, ChronoUnit.HOURS));
        String alice = TestJwts.user("alice-" + UUID.randomUUID());
        admin(schedule, """
                {"admitPerSecond": 1, "maxActive": 100, "paused": true}""");

        Answer first = call(HttpMethod.POST, "/api/queue/" + schedule + "/entries", alice, null, null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("status").asText()).isEqualTo("WAITING");
        assertThat(first.body().get("position").asLong()).isEqualTo(1);
        assertThat(first.body().has("etaSeconds")).isTrue();
        String entryId = first.body().get("entryId").asText();
        Answer again = call(HttpMethod.POST, "/api/queue/" + schedule + "/entries", alice, null, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("entryId").asText()).isEqualTo(entryId);

        // Someone else cannot see the entry.
        assertThat(call(HttpMethod.GET, "/api/queue/" + schedule + "/entries/" + entryId,
                TestJwts.user("mallory"), null, null).status()).isEqualTo(404);

        // Paused: nobody comes in. Resumed: admitted within a second or so, with a token.
        Answer waiting = call(HttpMethod.GET, "/api/queue/" + schedule + "/entries/" + entryId, alice, null, null);
        assertThat(waiting.body().get("status").asText()).isEqualTo("WAITING");
        admin(schedule, """
                {"admitPerSecond": 20, "maxActive": 100, "paused": false}""");
        JsonNode admitted = await().atMost(Duration.ofSeconds(10)).until(
                () -> call(HttpMethod.GET, "/api/queue/" + schedule + "/entries/" + entryId, alice, null, null).body(),
                body -> body.get("status").asText().equals("ADMITTED"));
        String token = admitted.get("admissionToken").asText();
        assertThat(Instant.parse(admitted.get("admissionExpiresAt").asText())).isAfter(Instant.now().plusSeconds(500));

        // The gate lets the admitted user through (the hold itself is decided further on) and nobody else.
        assertThat(hold(schedule, alice, token).status()).isNotEqualTo(403).isNotEqualTo(503);
        assertRefused(hold(schedule, alice, null));
        assertRefused(hold(schedule, alice, token.substring(0, token.length() - 2) + "xx"));
        assertRefused(hold(schedule, TestJwts.user("bob-" + UUID.randomUUID()), token));
        assertRefused(hold(schedule(Instant.now().minusSeconds(60)), alice, token));
        String userId = subjectOf(alice);
        assertRefused(hold(schedule, alice, tokens.issue(userId, schedule, Instant.now().minusSeconds(1))));
        assertRefused(call(HttpMethod.POST, "/api/reservations/" + UUID.randomUUID() + "/payments", alice, null, null));
        assertThat(call(HttpMethod.POST, "/api/reservations/" + UUID.randomUUID() + "/payments", alice, null, token).status())
                .isNotEqualTo(403);

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("ticketing_queue_length\\{[^}]*schedule=\"" + schedule + "\"")
                .containsPattern("ticketing_queue_admitted_total\\{[^}]*schedule=\"" + schedule + "\"[^}]*} [1-9]")
                .containsPattern("ticketing_queue_active\\{[^}]*schedule=\"" + schedule + "\"")
                .containsPattern("ticketing_gate_rejects_total\\{[^}]*reason=\"missing\"[^}]*} [1-9]");

        // A reservation that ends frees the slot: the token no longer passes, the entry shows EXPIRED.
        eventStore.publish(new GenericDomainEventMessage<>("Reservation", UUID.randomUUID().toString(), 0,
                new ReservationConfirmed(ReservationId.random(), new ScheduleId(schedule), new UserId(userId),
                        io.ticketing.api.common.PaymentOrderId.random())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRefused(hold(schedule, alice, token)));
        assertThat(call(HttpMethod.GET, "/api/queue/" + schedule + "/entries/" + entryId, alice, null, null)
                .body().get("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void theWaitingRoomRefusesWhatItCannotServe() {
        String user = TestJwts.user("carol");
        Answer unknown = call(HttpMethod.POST, "/api/queue/" + UUID.randomUUID() + "/entries", user, null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().getContentType().toString()).startsWith("application/problem+json");

        String later = schedule(Instant.now().plus(2, ChronoUnit.DAYS));
        Answer early = call(HttpMethod.POST, "/api/queue/" + later + "/entries", user, null, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().get("type").asText()).isEqualTo("urn:ticketing:sales-not-open");

        String soon = schedule(Instant.now().plus(10, ChronoUnit.MINUTES));
        Answer preQueue = call(HttpMethod.POST, "/api/queue/" + soon + "/entries", user, null, null);
        assertThat(preQueue.status()).isEqualTo(201);
        assertThat(preQueue.body().get("status").asText()).isEqualTo("PRE_QUEUE");
        assertThat(preQueue.body().get("position").isNull()).isTrue();

        assertThat(call(HttpMethod.PUT, "/api/admin/schedules/" + soon + "/queue", user,
                "{\"admitPerSecond\":5,\"maxActive\":10,\"paused\":false}", null).status()).isEqualTo(403);
        Answer invalid = call(HttpMethod.PUT, "/api/admin/schedules/" + soon + "/queue", TestJwts.admin(),
                "{\"admitPerSecond\":0,\"maxActive\":-1}", null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(call(HttpMethod.PUT, "/api/admin/schedules/" + UUID.randomUUID() + "/queue", TestJwts.admin(),
                "{\"admitPerSecond\":5,\"maxActive\":10,\"paused\":false}", null).status()).isEqualTo(404);
        Answer set = call(HttpMethod.PUT, "/api/admin/schedules/" + soon + "/queue", TestJwts.admin(),
                "{\"admitPerSecond\":5,\"maxActive\":10,\"paused\":true}", null);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("maxActive").asInt()).isEqualTo(10);
        assertThat(set.body().get("paused").asBoolean()).isTrue();
    }

    private void assertRefused(Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.body().get("type").asText()).isEqualTo("urn:ticketing:not-admitted");
    }

    private Answer hold(String schedule, String bearer, String token) {
        return call(HttpMethod.POST, "/api/schedules/" + schedule + "/holds", bearer, "{\"seatIds\":[\"A-1-1\"]}", token);
    }

    private static String subjectOf(String jwt) throws Exception {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return JSON.readTree(payload).get("sub").asText();
    }

    /** A concert with one schedule whose sales open at {@code salesOpenAt}; waits until the waiting room knows it. */
    private String schedule(Instant salesOpenAt) {
        String body = """
                {"title":"Queue Test","venue":"Hall",
                 "schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":2}]}"""
                .formatted(Instant.now().plus(30, ChronoUnit.DAYS), salesOpenAt);
        Answer created = call(HttpMethod.POST, "/api/admin/concerts", TestJwts.admin(), body, null);
        assertThat(created.status()).isEqualTo(201);
        String schedule = created.body().get("scheduleIds").get(0).asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> call(HttpMethod.GET, "/api/admin/schedules/" + schedule + "/queue",
                TestJwts.admin(), null, null).status() == 200);
        return schedule;
    }

    private void admin(String schedule, String settings) {
        assertThat(call(HttpMethod.PUT, "/api/admin/schedules/" + schedule + "/queue", TestJwts.admin(), settings, null)
                .status()).isEqualTo(200);
    }

    private Answer call(HttpMethod method, String path, String bearer, String body, String admissionToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(bearer);
        if (admissionToken != null) {
            headers.set("X-Admission-Token", admissionToken);
        }
        ResponseEntity<String> response = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        try {
            JsonNode json = response.getBody() == null ? JSON.nullNode() : JSON.readTree(response.getBody());
            return new Answer(response.getStatusCode().value(), response.getHeaders(), json);
        } catch (Exception e) {
            return new Answer(response.getStatusCode().value(), response.getHeaders(), JSON.nullNode());
        }
    }
}
