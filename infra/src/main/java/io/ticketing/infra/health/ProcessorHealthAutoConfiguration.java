package io.ticketing.infra.health;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The health contributor {@code eventProcessors} (in both apps' liveness and readiness groups) and the gauge
 * {@code ticketing_processor_running{processor}}.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass({EventProcessingConfiguration.class, org.springframework.boot.actuate.health.HealthIndicator.class})
public class ProcessorHealthAutoConfiguration {

    @Bean
    @ConditionalOnEnabledHealthIndicator("eventProcessors")
    public EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                         ObjectProvider<DeliberatePauses> pauses) {
        return new EventProcessorsHealthIndicator(processing, pauses.getIfAvailable(() -> DeliberatePauses.NONE));
    }

    @Bean
    public EventProcessorMetrics eventProcessorMetrics(ObjectProvider<MeterRegistry> registry, EventProcessingConfiguration processing,
                                             ObjectProvider<DeliberatePauses> pauses) {
        return new EventProcessorMetrics(registry, processing, pauses.getIfAvailable(() -> DeliberatePauses.NONE));
    }
}
