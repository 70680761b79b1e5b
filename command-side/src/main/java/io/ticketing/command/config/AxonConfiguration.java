package io.ticketing.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Aggregate caching: a seat's state is kept between commands instead of being re-read from the event store. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    public Cache seatCache() {
        return new WeakReferenceCache();
    }
}
