package io.ticketing.query;

import io.ticketing.infra.security.UnsafeSecretsException;
import io.ticketing.testsupport.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query side too refuses to start without a profile on a missing or documented JWT key. */
class DeploymentSecretsTest {

    private static void run(Map<String, Object> properties) {
        QuerySideApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)).close();
    }

    @Test
    void withoutAProfileTheQuerySideRefusesAMissingOrDocumentedJwtSecret() {
        Map<String, Object> properties = TestEnvironment.querySide();
        properties.remove("spring.profiles.active");
        properties.remove("ticketing.security.jwt-secret");
        assertThatThrownBy(() -> run(properties))
                .isInstanceOf(UnsafeSecretsException.class)
                .hasMessageContaining("ticketing.security.jwt-secret (TICKETING_JWT_SECRET) is not set")
                // The query side holds no admission or webhook key, so none is asked of it.
                .hasMessageNotContaining("token-secret")
                .hasMessageNotContaining("webhook-secret");

        properties.put("ticketing.security.jwt-secret", "local-development-jwt-secret-change-me-0123456789");
        assertThatThrownBy(() -> run(properties))
                .isInstanceOf(UnsafeSecretsException.class)
                .hasMessageContaining("ticketing.security.jwt-secret (TICKETING_JWT_SECRET) is a documented local default");
    }
}
