package io.ticketing.command.reservation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.admission.api.AdmissionGateInterceptor;
import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.command.admission.application.AdmissionProperties;
import io.ticketing.command.overload.api.OverloadInterceptor;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.overload.application.OverloadProperties;
import io.ticketing.command.reservation.application.ReservationService;
import io.ticketing.infra.security.BearerShortcut;
import io.ticketing.infra.security.ProblemWriter;
import io.ticketing.infra.web.ProblemDetailsAdvice;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * Holds and releases answered by {@link DirectBookingFilter}, in front of Spring Security and MVC, unless
 * {@code ticketing.booking.direct-endpoints=false} (then they take the full path like every other request).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ticketing.booking.direct-endpoints", havingValue = "true", matchIfMissing = true)
public class DirectBookingConfiguration {

    @Bean
    public FilterRegistrationBean<DirectBookingFilter> directBookingFilter(
            JwtDecoder jwts, HttpFirewall firewall, AdmissionGate gate, AdmissionProperties admission,
            CommandLimiter limiter, OverloadProperties overload, ReservationService reservations,
            ObjectMapper objectMapper, ProblemDetailsAdvice problems) {
        DirectBookingFilter filter = new DirectBookingFilter(new BearerShortcut(jwts, firewall), gate,
                new AdmissionGateInterceptor(gate, new ProblemWriter(objectMapper), admission.retryAfterSeconds()),
                overload.enabled() ? limiter : null,
                overload.enabled() ? new OverloadInterceptor(limiter, objectMapper, overload.retryAfterSeconds()) : null,
                reservations, objectMapper, problems);
        FilterRegistrationBean<DirectBookingFilter> registration = new FilterRegistrationBean<>(filter);
        // After the request log, the body limit, the one-write answers and the early shed (HIGHEST_PRECEDENCE .. +3),
        // and the request observation; before Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        registration.setAsyncSupported(true);
        return registration;
    }
}
