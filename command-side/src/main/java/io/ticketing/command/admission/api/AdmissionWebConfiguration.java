package io.ticketing.command.admission.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.command.admission.application.AdmissionProperties;
import io.ticketing.infra.security.ProblemWriter;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The admission gate as a handler interceptor on every path: it acts only on handlers marked
 * {@link AdmissionRequired}, so which requests it gates is decided by the handler mapping, never by a
 * pattern of our own that could disagree with it.
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionWebConfiguration implements WebMvcConfigurer {
    private final AdmissionGateInterceptor gate;

    public AdmissionWebConfiguration(AdmissionGate gate, ObjectMapper objectMapper, AdmissionProperties properties) {
        this.gate = new AdmissionGateInterceptor(gate, new ProblemWriter(objectMapper), properties.retryAfterSeconds());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gate);
    }
}
