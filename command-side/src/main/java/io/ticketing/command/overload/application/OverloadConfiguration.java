package io.ticketing.command.overload.application;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class OverloadConfiguration {

    @Bean
    public CommandLimiter commandLimiter(OverloadProperties properties, MeterRegistry registry) {
        return new CommandLimiter(properties, registry);
    }

    @Bean
    public AdmissionRateControl admissionRateControl(CommandLimiter limiter, OverloadProperties properties) {
        return new AdmissionRateControl(limiter, properties, Clock.systemUTC());
    }
}
