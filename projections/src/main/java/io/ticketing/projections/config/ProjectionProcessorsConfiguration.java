package io.ticketing.projections.config;

import io.ticketing.projections.ProjectionNames;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * One single-segment tracking processor per projection, all reading the Kafka source; configured in code
 * (docs/design.md, trap 6). They start at the beginning of the topic, so a new read model sees every event.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionProcessorsConfiguration {

    @Autowired
    public void registerProjectionProcessors(EventProcessingConfigurer processing,
                                             StreamableKafkaMessageSource<String, byte[]> projectionSource,
                                             ProjectionProperties projections,
                                             ProjectionProgress progress) {
        for (String name : ProjectionNames.ALL) {
            processing.registerTrackingEventProcessor(name, c -> projectionSource,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(projections.batchSize())
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    // A handler that fails stops its projection (and retries) instead of skipping the event.
                    .registerListenerInvocationErrorHandler(name, c -> PropagatingErrorHandler.instance())
                    .registerHandlerInterceptor(name, c -> progress.recorderFor(name))
                    // An event the projection cannot apply is parked with its error (and the later events of
                    // its aggregate behind it) instead of stopping every other aggregate's updates.
                    .registerDeadLetterQueue(name, c -> JpaSequencedDeadLetterQueue.builder()
                            .processingGroup(name)
                            .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                            .transactionManager(c.getComponent(TransactionManager.class))
                            .serializer(c.serializer())
                            .build())
                    // Remembers which aggregates have parked events, so a healthy event costs no query.
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name,
                            (c, builder) -> builder.enableSequenceIdentifierCache());
        }
    }
}
