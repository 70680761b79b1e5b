package io.ticketing.infra.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon's metrics, limited to the ones the dashboards read: the command bus timers and counters
 * ({@code commandBus_*}, tagged by payload type) and each event processor's latency
 * ({@code eventProcessor_latency}). Axon's default puts a timer, a counter and a capacity monitor on every
 * event of every processor and of the event store as well: 7.8 % of the command side's CPU under hold load,
 * more than the event store's inserts (docs/benchmarks.md). {@code ticketing.metrics.axon=full} restores
 * Axon's default set.
 * <p>
 * After the meter registry's own auto-configuration (as Axon's is): evaluated earlier, {@code @ConditionalOnBean}
 * found no registry yet and skipped this, so the query side ran Axon's full set — 17 % of its CPU under hold load.
 */
@AutoConfiguration(after = CompositeMeterRegistryAutoConfiguration.class, before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnProperty(name = "ticketing.metrics.axon", havingValue = "lean", matchIfMissing = true)
public class AxonMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    public MetricsConfigurerModule leanAxonMetrics(MeterRegistry meterRegistry) {
        return new LeanMetrics(new GlobalMetricRegistry(meterRegistry), meterRegistry);
    }

    /** Replaces Axon's {@link MetricsConfigurerModule} (which is only created when no other one exists). */
    static class LeanMetrics extends MetricsConfigurerModule {
        private final GlobalMetricRegistry registry;
        private final MeterRegistry meters;

        LeanMetrics(GlobalMetricRegistry registry, MeterRegistry meters) {
            super(registry, true);
            this.registry = registry;
            this.meters = meters;
        }

        @Override
        public void configureModule(Configurer configurer) {
            configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
                if (CommandBus.class.isAssignableFrom(componentType)) {
                    return anyMessage(registry.registerCommandBus(componentName,
                            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName())));
                }
                if (EventProcessor.class.isAssignableFrom(componentType)) {
                    Tags processor = Tags.of("processorName", componentName);
                    return anyMessage(EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor")
                            .meterRegistry(meters).tagsBuilder(message -> processor).build());
                }
                return NoOpMessageMonitor.instance();
            });
        }

        /** Each component is only ever given the messages its monitor was made for. */
        @SuppressWarnings("unchecked")
        private static MessageMonitor<Message<?>> anyMessage(MessageMonitor<?> monitor) {
            return (MessageMonitor<Message<?>>) monitor;
        }
    }
}
