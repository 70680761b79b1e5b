package io.ticketing.command.reservation.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ticketing.command.eventstore.EventStoreProperties;
import io.ticketing.command.booking.BookingRoutes;
import io.ticketing.command.booking.RemoteEndings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Hold expiry without a row per hold: every instance keeps the running holds in memory ({@link PendingExpiries}),
 * learns them from the event store through a tracking processor of its own ({@link HoldExpiryTracker}) and asks
 * the reservation to expire each when its time comes ({@link HoldExpirer}).
 *
 * <p>The processor (registered in {@code config.EventProcessorsConfiguration}) starts at the low-water mark ({@link HoldExpiryMark}) and keeps its position in memory
 * (an in-memory token store): after a restart it reads the events from the mark again, which finds every hold still
 * running, also those whose time passed while the app was down. It has no transaction of its own (it writes
 * nothing), and at the tail it shares the event store's one reader with the publisher.
 */
@Configuration(proxyBeanMethods = false)
public class HoldExpiryConfiguration {

    @Bean
    static HoldExpiryMark holdExpiryMark(JdbcTemplate jdbc, Clock clock) {
        return new HoldExpiryMark(jdbc, clock);
    }

    /** Starts where the mark says: every hold that began earlier has ended. */
    @Bean
    static PendingExpiries pendingExpiries(HoldExpiryMark holdExpiryMark) {
        return new PendingExpiries(holdExpiryMark.read());
    }

    @Bean
    static HoldExpiryTracker holdExpiryTracker(PendingExpiries pendingExpiries, BookingRoutes bookingRoutes,
                                               RemoteEndings remoteEndings) {
        return new HoldExpiryTracker(pendingExpiries, bookingRoutes, remoteEndings);
    }

    @Bean
    static HoldExpirer holdExpirer(PendingExpiries pendingExpiries, CommandGateway commandGateway, HoldExpiryMark holdExpiryMark,
                                   @Lazy EventProcessingConfiguration processing, Clock clock, HoldExpiryProperties properties,
                                   EventStoreProperties eventStore) {
        // A gap younger than the event store's gap timeout may still fill (a transaction not yet committed).
        Duration gapTimeout = properties.gapTimeout() != null ? properties.gapTimeout() : eventStore.gapTimeout();
        return new HoldExpirer(pendingExpiries, commandGateway, holdExpiryMark, () -> caughtUp(processing), clock, properties, gapTimeout);
    }

    /** {@code ticketing_hold_expiry_pending}: running holds this instance will ask to expire. */
    @Bean
    static MeterBinder holdExpiryMetrics(PendingExpiries pendingExpiries) {
        return registry -> Gauge.builder("ticketing.hold.expiry.pending", pendingExpiries, PendingExpiries::size)
                .description("running holds this instance knows of and will ask to expire when they are due")
                .register(registry);
    }

    private static boolean caughtUp(EventProcessingConfiguration processing) {
        Map<Integer, EventTrackerStatus> status = processing
                .eventProcessor(HoldExpiryTracker.PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus).orElse(Map.of());
        return !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }
}
