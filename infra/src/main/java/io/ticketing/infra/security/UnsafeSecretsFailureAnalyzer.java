package io.ticketing.infra.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link UnsafeSecretsException} into Boot's "APPLICATION FAILED TO START" report with what to do. */
public class UnsafeSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretsException cause) {
        String description = "The application refuses to start with unsafe secrets:\n    - "
                + String.join("\n    - ", cause.problems());
        String action = "Set each one to at least " + DeploymentSecrets.MIN_BYTES
                + " random bytes (for example: openssl rand -base64 48), never one of the defaults printed in the README. "
                + "On a development machine, choose the '" + DeploymentSecrets.LOCAL_PROFILE
                + "' profile explicitly (SPRING_PROFILES_ACTIVE=local, as infra/local/run-local.sh does) to use the local defaults.";
        return new FailureAnalysis(description, action, cause);
    }
}
