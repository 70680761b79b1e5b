package io.ticketing.command.catalog.api;

import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's concert endpoint over real HTTP: who may call it, what it refuses, and what it writes. */
@CommandSideTest
class ConcertAdminApiTest {
    private static final String VALID = """
            {"title":"Winter Gala","venue":"Olympic Hall",
             "schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
             "sections":[{"name":"A","grade":"VIP","price":150000,"currency":"KRW","rows":2,"seatsPerRow":3}]}
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<Map> post(String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange("/api/admin/concerts", HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Test
    void anAdminCreatesAConcertWithEverySeatAsEvents() {
        long before = events();
        ResponseEntity<Map> response = post(TestJwts.admin(), VALID);
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getBody()).containsKeys("concertId", "scheduleIds");
        assertThat(response.getHeaders().getFirst("X-Request-Id")).isNotBlank();
        // 1 ConcertCreated + 2 rows x 3 seats
        assertThat(events() - before).isEqualTo(7);
    }

    @Test
    void aUserMayNotCreateConcertsAndAnonymousIsUnauthenticated() {
        long before = events();
        ResponseEntity<Map> asUser = post(TestJwts.user("alice"), VALID);
        assertThat(asUser.getStatusCode().value()).isEqualTo(403);
        assertThat(asUser.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        ResponseEntity<Map> anonymous = post(null, VALID);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getBody()).containsEntry("type", "urn:ticketing:unauthenticated");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void invalidConcertsAreProblemsNamingTheFieldsAndChangeNothing() {
        long before = events();
        for (String bad : new String[]{
                VALID.replace("\"Winter Gala\"", "\"\""),
                VALID.replace("\"rows\":2", "\"rows\":0"),
                VALID.replace("\"KRW\"", "\"won\""),
                VALID.replace("\"2026-12-01T10:00:00Z\"", "\"2027-01-01T10:00:00Z\""),
                VALID.replace("\"name\":\"A\"", "\"name\":\"A-1\""),
                VALID.replace("\"schedules\":[{\"startsAt\":\"2026-12-24T19:00:00Z\",\"salesOpenAt\":\"2026-12-01T10:00:00Z\"}]", "\"schedules\":[]"),
                "{\"title\":\"x\",\"venue\":\"y\",\"schedules\":[{\"startsAt\":\"2026-12-24T19:00:00Z\",\"salesOpenAt\":\"2026-12-01T10:00:00Z\"}],"
                        + "\"sections\":[{\"name\":\"A\",\"grade\":\"R\",\"price\":1,\"currency\":\"KRW\",\"rows\":1,\"seatsPerRow\":1},"
                        + "{\"name\":\"A\",\"grade\":\"S\",\"price\":1,\"currency\":\"KRW\",\"rows\":1,\"seatsPerRow\":1}]}"}) {
            ResponseEntity<Map> response = post(TestJwts.admin(), bad);
            assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(response.getBody()).containsEntry("type", "urn:ticketing:invalid-request").containsKey("errors");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        for (String bad : new String[]{"{", "not json", "{\"title\":\"x\",\"venue\":\"y\",\"schedules\":[{\"startsAt\":\"tomorrow\"}]}", ""}) {
            ResponseEntity<Map> response = post(TestJwts.admin(), bad);
            assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(response.getBody()).containsEntry("type", "urn:ticketing:malformed-request");
        }
    }

    @Test
    void healthAndMetricsAreOpen() {
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> metrics = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("http_server_requests_seconds");
    }
}
