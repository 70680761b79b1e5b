package io.ticketing.query;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 over real HTTP on both apps: bearer tokens without {@code exp} or {@code sub} are 401s (point 5), ids
 * of another type are 404s on the query side too (point 4), and {@code /actuator/prometheus} is open by default
 * (the command side here) but restricted to ADMIN with {@code ticketing.security.metrics-access=admin} (the query
 * side here) (point 9).
 */
class SecurityHardeningEndToEndTest {
    @RegisterExtension
    static final RunningApps apps = new RunningApps(Map.of(), Map.of("ticketing.security.metrics-access", "admin"));

    @Test
    void tokensWithoutExpiryOrSubjectAreRefusedOnBothApps() {
        String forever = TestJwts.sign(new JWTClaimsSet.Builder().subject("admin").claim("roles", List.of("ADMIN"))
                .issueTime(new Date()).build());
        String nobody = TestJwts.sign(new JWTClaimsSet.Builder().claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        for (String token : List.of(forever, nobody)) {
            assertUnauthenticated(Http.get(apps.queryUrl() + "/api/concerts", token));
            assertUnauthenticated(Http.get(apps.queryUrl() + "/api/me/reservations", token));
            assertUnauthenticated(Http.get(apps.queryUrl() + "/api/admin/projections", token));
            assertUnauthenticated(Http.post(apps.commandUrl() + "/api/queue/any/entries", token, null));
        }
        assertThat(Http.get(apps.queryUrl() + "/api/me/reservations", TestJwts.user("fine")).status()).isEqualTo(200);
    }

    @Test
    void anIdOfAnotherTypeIsNotAReservationOnTheQuerySide() {
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), """
                {"title":"Ids","venue":"Hall","schedules":[{"startsAt":"2030-01-01T19:00:00Z","salesOpenAt":"2030-01-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"R","price":1,"currency":"KRW","rows":1,"seatsPerRow":1}]}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String concertId = created.body().get("concertId").asText();
        String scheduleId = created.body().get("scheduleIds").get(0).asText();
        for (String foreign : List.of(concertId, scheduleId)) {
            Http.Response answer = Http.get(apps.queryUrl() + "/api/reservations/" + foreign, TestJwts.user("admin"));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void metricsAreOpenByDefaultAndAdminOnlyWhenConfigured() {
        assertThat(Http.getText(apps.commandUrl() + "/actuator/prometheus").status()).isEqualTo(200);

        String metrics = apps.queryUrl() + "/actuator/prometheus";
        Http.Response anonymous = Http.getText(metrics);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(Http.getText(metrics, TestJwts.user("peeker")).status()).isEqualTo(403);
        Http.Response admin = Http.getText(metrics, TestJwts.admin());
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.raw()).contains("http_server_requests");
        assertThat(Http.getText(apps.queryUrl() + "/actuator/health").status()).as("health stays open").isEqualTo(200);
    }

    private static void assertUnauthenticated(Http.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("type").asText()).isEqualTo("urn:ticketing:unauthenticated");
    }
}
