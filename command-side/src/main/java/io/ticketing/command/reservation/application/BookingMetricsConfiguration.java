package io.ticketing.command.reservation.application;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** The metrics handler runs in the appending thread, not in a tracking processor that would read the store again. */
@Configuration(proxyBeanMethods = false)
public class BookingMetricsConfiguration {
    @Autowired
    public void subscribeBookingMetrics(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(BookingMetrics.PROCESSING_GROUP);
    }
}
