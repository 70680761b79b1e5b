package io.ticketing.infra.security;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Refuses to start an app whose HMAC keys are missing, shorter than 32 bytes or one of the documented local
 * defaults, unless the {@code local} profile was chosen explicitly. Those defaults are printed in the README:
 * with them anyone could mint bearer tokens (any user, ADMIN too), admission tokens and "paid" webhook calls.
 *
 * <p>Checked when the application is prepared, before any bean exists (no database, broker or port is touched),
 * and after every initializer has run, so a test's own property sources count. Only the secrets an app declares
 * are checked: the query side has no admission or webhook key. Values are never printed.
 */
public class DeploymentSecrets implements ApplicationListener<ApplicationPreparedEvent> {
    /** The one profile allowed to run with the local defaults; it must be active, not merely the default profile. */
    public static final String LOCAL_PROFILE = "local";
    public static final int MIN_BYTES = 32;

    /** A secret the apps use: its property, the environment variable that sets it, and its local default. */
    public record Secret(String property, String environmentVariable, String localDefault) {
    }

    public static final List<Secret> SECRETS = List.of(
            new Secret("ticketing.security.jwt-secret", "TICKETING_JWT_SECRET",
                    "local-development-jwt-secret-change-me-0123456789"),
            new Secret("ticketing.queue.token-secret", "TICKETING_ADMISSION_SECRET",
                    "local-development-admission-secret-change-me-0123"),
            new Secret("ticketing.payment.webhook-secret", "TICKETING_WEBHOOK_SECRET",
                    "local-development-webhook-secret-change-me"));

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (Arrays.asList(environment.getActiveProfiles()).contains(LOCAL_PROFILE)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            if (!environment.containsProperty(secret.property())) {
                continue;
            }
            String why = weakness(environment.getProperty(secret.property()));
            if (why != null) {
                problems.add(secret.property() + " (" + secret.environmentVariable() + ") " + why);
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsafeSecretsException(problems);
        }
    }

    /** Why a value may not be used as a key outside {@code local}, or null when it may. */
    static String weakness(String value) {
        if (value == null || value.isBlank()) {
            return "is not set";
        }
        if (SECRETS.stream().anyMatch(s -> s.localDefault().equals(value)) || value.toLowerCase().contains("change-me")) {
            return "is a documented local default";
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            return "is shorter than " + MIN_BYTES + " bytes";
        }
        return null;
    }
}
