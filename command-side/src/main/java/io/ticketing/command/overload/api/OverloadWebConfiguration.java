package io.ticketing.command.overload.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.overload.application.OverloadProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The in-flight limit as the first handler interceptor, ahead of the admission gate and its Redis call; and, while
 * it is full, a filter that refuses holds and payment orders before security (after the request log).
 */
@Configuration(proxyBeanMethods = false)
public class OverloadWebConfiguration implements WebMvcConfigurer {
    private final OverloadProperties properties;
    private final OverloadInterceptor interceptor;

    public OverloadWebConfiguration(CommandLimiter limiter, ObjectMapper objectMapper, OverloadProperties properties) {
        this.properties = properties;
        this.interceptor = new OverloadInterceptor(limiter, objectMapper, properties.retryAfterSeconds());
    }

    @Bean
    @ConditionalOnProperty(name = "ticketing.overload.enabled", havingValue = "true", matchIfMissing = true)
    public FilterRegistrationBean<EarlyShedFilter> earlyShedFilter(CommandLimiter limiter) {
        FilterRegistrationBean<EarlyShedFilter> registration = new FilterRegistrationBean<>(new EarlyShedFilter(limiter, interceptor));
        // After the request log, the body limit and the one-write answers (HIGHEST_PRECEDENCE .. +2), before Spring
        // Security and MVC.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.enabled()) {
            registry.addInterceptor(interceptor).order(Ordered.HIGHEST_PRECEDENCE);
        }
    }
}
