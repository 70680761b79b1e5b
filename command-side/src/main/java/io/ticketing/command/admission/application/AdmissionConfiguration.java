package io.ticketing.command.admission.application;

import io.lettuce.core.ClientOptions;
import io.ticketing.infra.admission.RedisWaitingRoom;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
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
     * While the connection to Redis is lost, commands fail at once instead of waiting in Lettuce's buffer for the
     * command timeout: an outage answers 503 within milliseconds, so the timeout can be long enough for a healthy Redis
     * on a saturated CPU (5 s, command-side.yml). Lettuce reconnects by itself.
     */
    @Bean
    public LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        // Boot's builder keeps its connect timeout and command timeouts; only the behaviour while disconnected changes.
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

}
