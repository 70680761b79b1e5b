package io.ticketing.command.admission.application;

import io.ticketing.infra.admission.RedisWaitingRoom;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AdmissionConfiguration {

    @Bean
    public RedisWaitingRoom redisWaitingRoom(StringRedisTemplate redis, AdmissionProperties properties,
                                             KeyRetentionProperties retention) {
        return new RedisWaitingRoom(redis, properties.keyPrefix(), new RedisWaitingRoom.Retention(
                retention.keyRetention(), retention.endedEntryRetention()));
    }

    /**
     * The directory is written by a subscribing processor: in the unit of work (and so the transaction) that
     * creates the concert, with no token and no second read of the event store.
     */
    @Autowired
    public void admissionProcessors(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(ScheduleDirectoryUpdater.PROCESSING_GROUP);
    }
}
