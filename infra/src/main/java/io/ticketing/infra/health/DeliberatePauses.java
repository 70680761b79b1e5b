package io.ticketing.infra.health;

/**
 * Processors an app stops on purpose for a short while (the query side's rebuild holds its live processor
 * still for about one batch before the swap). Health reports such a processor as paused, not DOWN, so a
 * rebuild does not make an orchestrator pull or restart the instance. A processor in error is DOWN anyway.
 */
@FunctionalInterface
public interface DeliberatePauses {
    DeliberatePauses NONE = name -> false;

    boolean pausedOnPurpose(String processorName);
}
