package io.ticketing.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;

/**
 * {@code ticketing_publisher_lag_seconds}: age of the oldest event not yet sent to Kafka;
 * {@code ticketing_publisher_lag_events}: events stored but not sent. Both 0 when another instance
 * publishes; NaN when the event store cannot be asked. Read when scraped.
 */
public class PublisherLagMetrics implements MeterBinder {
    private final PublisherLag lag;

    public PublisherLagMetrics(PublisherLag lag) {
        this.lag = lag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ticketing.publisher.lag.seconds", lag, read(l -> l.oldestUnsentAge().toMillis() / 1000.0))
                .description("Age of the oldest event not yet sent to Kafka")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("ticketing.publisher.lag.events", lag, read(l -> (double) l.events()))
                .description("Events stored but not yet sent to Kafka")
                .register(registry);
    }

    private static ToDoubleFunction<PublisherLag> read(ToDoubleFunction<PublisherLag.Lag> value) {
        return publisherLag -> {
            try {
                return publisherLag.measure().map(value::applyAsDouble).orElse(0.0);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }
}
