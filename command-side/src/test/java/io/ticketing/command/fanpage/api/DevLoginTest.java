package io.ticketing.command.fanpage.api;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.IsolatedCommandSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Profile {@code local}: the dev login issues USER tokens the apps accept, and the fan's page is served. */
class DevLoginTest {
    private static IsolatedCommandSide app;
    private static BookingClient client;

    @BeforeAll
    static void start() {
        app = IsolatedCommandSide.start("devlogin", Map.of("spring.profiles.active", "test,local",
                "ticketing.fan-page.query-url", "http://query.example:9999/"));
        client = app.client();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theDevLoginIssuesAUserTokenSignedWithTheConfiguredSecret() {
        Instant before = Instant.now();
        Answer login = client.send("POST", "/dev/login", null, "{\"userId\":\"alice\"}", Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).containsEntry("userId", "alice");
        Jwt jwt = app.bean(JwtDecoder.class).decode(login.string("token"));
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
        assertThat(jwt.getExpiresAt()).isCloseTo(before.plus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
        assertThat(Instant.parse(login.string("expiresAt"))).isEqualTo(jwt.getExpiresAt());

        // The token authenticates as a user (an unknown schedule is a 404, not a 401) and is not an admin's.
        String token = login.string("token");
        assertThat(client.send("POST", "/api/queue/no-such-schedule/entries", token, null, Map.of()).status()).isEqualTo(404);
        Answer admin = client.send("GET", "/api/admin/schedules/no-such-schedule/queue", token, null, Map.of());
        assertThat(admin.status()).isEqualTo(403);
        // Whatever name is asked for, the role stays USER.
        String asAdmin = client.send("POST", "/dev/login", null, "{\"userId\":\"admin\"}", Map.of()).string("token");
        assertThat(app.bean(JwtDecoder.class).decode(asAdmin).getClaimAsStringList("roles")).containsExactly("USER");
    }

    @Test
    void aBadUserIdIsAProblemNamingTheField() {
        for (String body : new String[]{"{\"userId\":\"\"}", "{\"userId\":\"a b\"}", "{}", "{\"userId\":\"" + "x".repeat(65) + "\"}"}) {
            Answer refused = client.send("POST", "/dev/login", null, body, Map.of());
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text()).contains("userId").doesNotContain("Exception");
        }
    }

    @Test
    void thePageAndItsConfigurationAreServedWithoutAToken() {
        Answer page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("id=\"seat-map\"").contains("/fan/app.js");
        for (String asset : new String[]{"/fan/app.js", "/fan/api.js", "/fan/style.css"}) {
            Answer served = client.get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            // Nothing fetched from elsewhere at run time: no absolute URL in the page's own files.
            assertThat(served.text()).as(asset).doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(client.get("/fan/app.js").contentType()).contains("javascript");

        Answer config = client.get("/fan/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).containsEntry("queryUrl", "http://query.example:9999/")
                .containsEntry("maxSeatsPerOrder", 4).containsEntry("local", true);
    }
}
