package io.ticketing.command.publishing;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The publisher's lag as a health contributor ({@code publisherLag}, in the liveness and readiness groups) and
 * as the gauges {@code ticketing_publisher_lag_seconds} and {@code ticketing_publisher_lag_events}.
 * Kept apart from {@link PublishingConfiguration}: it watches the publisher, it does not configure it.
 */
@Configuration(proxyBeanMethods = false)
public class PublisherHealthConfiguration {

    @Bean
    public PublisherLag publisherLag(EventProcessingConfiguration processing, DataSource dataSource) {
        return new PublisherLag(processing, dataSource, Clock.systemUTC());
    }

    @Bean
    public PublisherLagHealthIndicator publisherLagHealthIndicator(PublisherLag publisherLag,
                                                                   PublisherHealthProperties properties) {
        return new PublisherLagHealthIndicator(publisherLag, properties);
    }

    @Bean
    public PublisherLagMetrics publisherLagMetrics(PublisherLag publisherLag) {
        return new PublisherLagMetrics(publisherLag);
    }
}
