package io.ticketing.command.config;

import io.ticketing.command.admission.application.ScheduleDirectoryUpdater;
import io.ticketing.command.publishing.KafkaEventForwarder;
import io.ticketing.command.publishing.PublishingProperties;
import io.ticketing.command.reservation.application.BookingMetrics;
import io.ticketing.command.reservation.application.HoldExpiryTracker;
import io.ticketing.command.reservation.application.ReservationProcess;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Every event processor of the command side, in one place. Configured in code: settings given only as
 * properties were ignored in a spike (docs/design.md, trap 6). Each tracking processor has one segment and
 * propagates its handlers' errors, so a failed event is retried, never skipped.
 * <ul>
 *   <li>{@code kafka-publisher} reads the event store from its tail (events stored before it first ran are
 *       published too, trap 7), token in token_entry;</li>
 *   <li>{@code hold-expiry} reads the event store from the low-water mark on every instance, position in memory
 *       and no transaction (it writes nothing);</li>
 *   <li>{@code reservation-process} reads the Kafka topic, token in token_entry;</li>
 *   <li>{@code schedule-directory} and {@code booking-metrics} subscribe: they run in the unit of work that
 *       appends, with no token and no second read of the store.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessorsConfiguration {

    @Autowired
    public void registerEventProcessors(EventProcessingConfigurer processing, PublishingProperties publishing,
                                        HoldExpiryTracker holdExpiryTracker,
                                        StreamableKafkaMessageSource<String, byte[]> reservationProcessSource) {
        processing.registerTrackingEventProcessor(KafkaEventForwarder.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(publishing.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(KafkaEventForwarder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());

        processing.registerTrackingEventProcessor(HoldExpiryTracker.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andInitialTrackingToken(holdExpiryTracker::initialToken))
                .registerTokenStore(HoldExpiryTracker.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerTransactionManager(HoldExpiryTracker.PROCESSING_GROUP, c -> NoTransactionManager.INSTANCE)
                // A hold that failed to register must not be skipped: its seats would stay held.
                .registerListenerInvocationErrorHandler(HoldExpiryTracker.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());

        processing.registerTrackingEventProcessor(ReservationProcess.PROCESSING_GROUP, c -> reservationProcessSource,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                .registerListenerInvocationErrorHandler(ReservationProcess.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());

        processing.registerSubscribingEventProcessor(ScheduleDirectoryUpdater.PROCESSING_GROUP)
                .registerSubscribingEventProcessor(BookingMetrics.PROCESSING_GROUP);
    }
}
