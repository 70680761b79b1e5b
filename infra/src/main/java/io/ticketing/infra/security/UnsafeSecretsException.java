package io.ticketing.infra.security;

import java.util.List;

/** Start-up refused: the listed secrets are missing, too short or local defaults (see {@link DeploymentSecrets}). */
public class UnsafeSecretsException extends IllegalStateException {
    private final List<String> problems;

    public UnsafeSecretsException(List<String> problems) {
        super("Refusing to start with unsafe secrets outside the 'local' profile: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
