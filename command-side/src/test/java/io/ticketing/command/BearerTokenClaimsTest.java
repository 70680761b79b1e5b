package io.ticketing.command;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, point 5, on the command side: a correctly signed bearer token without {@code exp} (valid forever)
 * or without {@code sub} (no user) is refused like any bad token: 401 problem+json, never accepted, never a 500.
 */
@CommandSideTest
class BearerTokenClaimsTest {

    @Autowired
    BookingClient client;

    @Test
    void aTokenWithoutExpiryIsRefused() {
        String forever = TestJwts.sign(new JWTClaimsSet.Builder().subject("admin").claim("roles", List.of("ADMIN"))
                .issueTime(new Date()).build());
        assertUnauthenticated(client.send("GET", "/api/admin/schedules/unknown/queue", forever, null, Map.of()));
        assertUnauthenticated(client.send("POST", "/api/queue/unknown/entries", forever, null, Map.of()));
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        String nobody = TestJwts.sign(new JWTClaimsSet.Builder().claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        String blank = TestJwts.sign(new JWTClaimsSet.Builder().subject(" ").claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        String schedule = client.createSchedule(1, 1, 1000);
        for (String token : List.of(nobody, blank)) {
            assertUnauthenticated(client.send("POST", "/api/queue/" + schedule + "/entries", token, null, Map.of()));
            assertUnauthenticated(client.send("DELETE", "/api/reservations/r-1", token, null, Map.of()));
        }
    }

    @Test
    void aWellFormedTokenStillWorks() {
        String schedule = client.createSchedule(1, 1, 1000);
        Answer entered = client.send("POST", "/api/queue/" + schedule + "/entries", TestJwts.user("claims-ok"), null, Map.of());
        assertThat(entered.status()).as(entered.text()).isIn(200, 201);
    }

    private static void assertUnauthenticated(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("urn:ticketing:unauthenticated");
    }
}
