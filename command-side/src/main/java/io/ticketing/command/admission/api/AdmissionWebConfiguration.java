package io.ticketing.command.admission.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.command.admission.application.AdmissionProperties;
import io.ticketing.infra.security.ProblemWriter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AdmissionWebConfiguration {

    /** Right after Spring Security's chain, so the caller is known and nothing else has run yet. */
    @Bean
    public FilterRegistrationBean<AdmissionGateFilter> admissionGateFilter(AdmissionGate gate, ObjectMapper objectMapper,
                                                                           AdmissionProperties properties) {
        FilterRegistrationBean<AdmissionGateFilter> registration = new FilterRegistrationBean<>(
                new AdmissionGateFilter(gate, new ProblemWriter(objectMapper), properties.retryAfterSeconds()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/schedules/*", "/api/reservations/*");
        return registration;
    }
}
