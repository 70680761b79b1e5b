package io.ticketing.infra.metrics;

import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.springboot.MetricsProperties;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean Axon metrics replace Axon's full set whatever order the auto-configurations are listed in: the meter
 * registry is made by Spring Boot's metrics auto-configuration, and the lean module must be decided after it.
 */
class AxonMetricsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(MetricsProperties.class)
            // Listed with ours first, as an application's auto-configuration imports may list them.
            .withConfiguration(AutoConfigurations.of(AxonMetricsAutoConfiguration.class,
                    MicrometerMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

    @Test
    void theLeanMetricsAreTheOnlyAxonMetricsModule() {
        runner.run(context -> assertThat(context.getBeansOfType(MetricsConfigurerModule.class).values())
                .singleElement().isInstanceOf(AxonMetricsAutoConfiguration.LeanMetrics.class));
    }

    @Test
    void ticketingMetricsAxonFullRestoresAxonsOwnModule() {
        runner.withPropertyValues("ticketing.metrics.axon=full")
                .run(context -> assertThat(context.getBeansOfType(MetricsConfigurerModule.class).values())
                        .singleElement().isNotInstanceOf(AxonMetricsAutoConfiguration.LeanMetrics.class));
    }
}
