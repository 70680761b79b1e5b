package io.ticketing.command.overload.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.overload.application.OverloadProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The in-flight limit as the first handler interceptor, ahead of the admission gate and its Redis call. */
@Configuration(proxyBeanMethods = false)
public class OverloadWebConfiguration implements WebMvcConfigurer {
    private final OverloadProperties properties;
    private final OverloadInterceptor interceptor;

    public OverloadWebConfiguration(CommandLimiter limiter, ObjectMapper objectMapper, OverloadProperties properties) {
        this.properties = properties;
        this.interceptor = new OverloadInterceptor(limiter, objectMapper, properties.retryAfterSeconds());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.enabled()) {
            registry.addInterceptor(interceptor).order(Ordered.HIGHEST_PRECEDENCE);
        }
    }
}
