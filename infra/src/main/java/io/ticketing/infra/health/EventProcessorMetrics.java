package io.ticketing.infra.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@code ticketing_processor_running{processor}}: 1 while a streaming processor runs (or is paused on purpose),
 * 0 when it has stopped or is in error; the alert rules fire on 0 (dashboards/prometheus/alerts.yml).
 * Registered once every processor is known; read when scraped.
 */
public class EventProcessorMetrics implements SmartInitializingSingleton {
    private final ObjectProvider<MeterRegistry> registry;
    private final EventProcessingConfiguration processing;
    private final DeliberatePauses pauses;

    public EventProcessorMetrics(ObjectProvider<MeterRegistry> registry, EventProcessingConfiguration processing, DeliberatePauses pauses) {
        this.registry = registry;
        this.processing = processing;
        this.pauses = pauses;
    }

    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("ticketing.processor.running", streaming,
                                p -> ProcessorState.of(p, pauses).healthy() ? 1 : 0)
                        .tag("processor", name)
                        .description("1 while the event processor runs, 0 when it has stopped or is in error")
                        .register(meters);
            }
        });
    }
}
