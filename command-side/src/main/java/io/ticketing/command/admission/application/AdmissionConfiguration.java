package io.ticketing.command.admission.application;

import io.ticketing.infra.admission.RedisWaitingRoom;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AdmissionConfiguration {

    @Bean
    public RedisWaitingRoom redisWaitingRoom(StringRedisTemplate redis, AdmissionProperties properties) {
        return new RedisWaitingRoom(redis, properties.keyPrefix());
    }

    /** Both read the event store from its start (the directory must know every schedule) and retry on errors. */
    @Autowired
    public void admissionProcessors(EventProcessingConfigurer processing) {
        for (String group : new String[]{ScheduleDirectoryUpdater.PROCESSING_GROUP, AdmissionSlots.PROCESSING_GROUP}) {
            processing.registerTrackingEventProcessor(group, org.axonframework.config.Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(200)
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
        }
    }
}
