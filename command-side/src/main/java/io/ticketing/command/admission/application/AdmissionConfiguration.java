package io.ticketing.command.admission.application;

import io.ticketing.infra.admission.RedisWaitingRoom;
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
}
