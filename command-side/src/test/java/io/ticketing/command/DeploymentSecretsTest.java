package io.ticketing.command;

import io.ticketing.command.support.BookingClient;
import io.ticketing.infra.security.UnsafeSecretsException;
import io.ticketing.testsupport.TestDatabases;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Production never runs with the local defaults: started without a profile, the command side refuses missing,
 * short or documented secrets before it touches anything; the {@code local} profile, chosen explicitly, runs
 * with the documented keys (as infra/local/run-local.sh starts it).
 */
class DeploymentSecretsTest {
    private static final String LOCAL_JWT_SECRET = "local-development-jwt-secret-change-me-0123456789";

    /** The test environment without its profile and without any secret: what a bare {@code java -jar} sees. */
    private static Map<String, Object> withoutProfileOrSecrets(String purpose) {
        Map<String, Object> properties = TestEnvironment.commandSide();
        properties.remove("spring.profiles.active");
        properties.remove("ticketing.security.jwt-secret");
        properties.remove("ticketing.queue.token-secret");
        properties.remove("ticketing.payment.webhook-secret");
        String database = TestDatabases.name(purpose);
        properties.put("spring.datasource.url", TestDatabases.jdbcUrl(database));
        properties.put("ticketing.kafka.topic.name", "ticketing.events." + database);
        return properties;
    }

    private static ConfigurableApplicationContext run(Map<String, Object> properties) {
        return CommandSideApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void withoutAProfileAndWithoutSecretsTheCommandSideDoesNotStart() {
        assertThatThrownBy(() -> run(withoutProfileOrSecrets("nosecrets")).close())
                .isInstanceOf(UnsafeSecretsException.class)
                .hasMessageContaining("ticketing.security.jwt-secret (TICKETING_JWT_SECRET) is not set")
                .hasMessageContaining("ticketing.queue.token-secret (TICKETING_ADMISSION_SECRET) is not set")
                .hasMessageContaining("ticketing.payment.webhook-secret (TICKETING_WEBHOOK_SECRET) is not set");
    }

    @Test
    void withoutAProfileTheDocumentedLocalDefaultsAndShortSecretsAreRefused() {
        Map<String, Object> properties = withoutProfileOrSecrets("defaultsecrets");
        properties.put("ticketing.security.jwt-secret", LOCAL_JWT_SECRET);
        properties.put("ticketing.queue.token-secret", "local-development-admission-secret-change-me-0123");
        properties.put("ticketing.payment.webhook-secret", "only-twenty-two-bytes!");
        assertThatThrownBy(() -> run(properties).close())
                .isInstanceOf(UnsafeSecretsException.class)
                .hasMessageContaining("ticketing.security.jwt-secret (TICKETING_JWT_SECRET) is a documented local default")
                .hasMessageContaining("ticketing.queue.token-secret (TICKETING_ADMISSION_SECRET) is a documented local default")
                .hasMessageContaining("ticketing.payment.webhook-secret (TICKETING_WEBHOOK_SECRET) is shorter than 32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).as("values are never printed")
                        .doesNotContain(LOCAL_JWT_SECRET, "only-twenty-two-bytes!"));
    }

    @Test
    void anotherProfileDoesNotOpenTheDefaultsEither() {
        Map<String, Object> properties = withoutProfileOrSecrets("prodsecrets");
        properties.put("spring.profiles.active", "prod");
        properties.put("ticketing.security.jwt-secret", LOCAL_JWT_SECRET);
        properties.put("ticketing.queue.token-secret", TestEnvironment.ADMISSION_SECRET);
        properties.put("ticketing.payment.webhook-secret", TestEnvironment.WEBHOOK_SECRET);
        assertThatThrownBy(() -> run(properties).close())
                .isInstanceOf(UnsafeSecretsException.class)
                .hasMessageContaining("ticketing.security.jwt-secret (TICKETING_JWT_SECRET) is a documented local default")
                .hasMessageNotContaining("token-secret")
                .hasMessageNotContaining("webhook-secret");
    }

    @Test
    void theLocalProfileChosenExplicitlyRunsWithTheDocumentedKeys() {
        Map<String, Object> properties = withoutProfileOrSecrets("localsecrets");
        properties.put("spring.profiles.active", "local");
        try (ConfigurableApplicationContext app = run(properties)) {
            BookingClient client = new BookingClient(((WebServerApplicationContext) app).getWebServer().getPort());
            // A bearer token signed with the README's local key (infra/local/jwt.sh) is accepted.
            String localAdmin = TestJwts.sign(LOCAL_JWT_SECRET, "admin", List.of("ADMIN"), Duration.ofMinutes(5));
            BookingClient.Answer queue = client.send("GET", "/api/admin/schedules/unknown/queue", localAdmin, null, Map.of());
            assertThat(queue.status()).as(queue.text()).isEqualTo(404);
            BookingClient.Answer forged = client.send("GET", "/api/admin/schedules/unknown/queue", TestJwts.admin(), null, Map.of());
            assertThat(forged.status()).as("the tests' key is not the local one").isEqualTo(401);
        }
    }
}
