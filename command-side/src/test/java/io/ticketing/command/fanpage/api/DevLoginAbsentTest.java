package io.ticketing.command.fanpage.api;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the {@code local} profile there is no dev login: refused before any controller, and no bean mints tokens. */
@CommandSideTest
class DevLoginAbsentTest {
    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void theDevLoginIsRefusedAndDoesNotExist() {
        BookingClient client = new BookingClient(port);
        Answer anonymous = client.send("POST", "/dev/login", null, "{\"userId\":\"alice\"}", Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.text()).doesNotContain("token\"");
        Answer signedIn = client.send("POST", "/dev/login", TestJwts.user("alice"), "{\"userId\":\"mallory\"}", Map.of());
        assertThat(signedIn.status()).isEqualTo(404);
        assertThat(signedIn.contentType()).startsWith("application/problem+json");
        assertThat(context.getBeanNamesForType(io.ticketing.command.fanpage.application.DevTokenIssuer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DevLoginController.class)).isEmpty();
    }

    @Test
    void thePageIsServedButSaysThereIsNoLocalSignIn() {
        BookingClient client = new BookingClient(port);
        assertThat(client.get("/").status()).isEqualTo(200);
        Answer config = client.get("/fan/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).containsEntry("local", false).containsEntry("queryUrl", "http://localhost:8081");
        // Only GETs of the page are open: other methods still need a token.
        assertThat(client.send("POST", "/fan/config", null, "{}", Map.of()).status()).isEqualTo(401);
    }
}
