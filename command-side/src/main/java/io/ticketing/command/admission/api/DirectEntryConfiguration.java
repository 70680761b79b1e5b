package io.ticketing.command.admission.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.command.admission.application.WaitingRoom;
import io.ticketing.infra.security.BearerShortcut;
import io.ticketing.infra.web.DirectAnswers;
import io.ticketing.infra.web.ProblemDetailsAdvice;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * Waiting-room entries answered by {@link DirectEntryFilter}, in front of Spring Security and MVC, unless
 * {@code ticketing.booking.direct-endpoints=false} (the same switch as the holds' and releases').
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ticketing.booking.direct-endpoints", havingValue = "true", matchIfMissing = true)
public class DirectEntryConfiguration {

    @Bean
    public FilterRegistrationBean<DirectEntryFilter> directEntryFilter(JwtDecoder jwts, HttpFirewall firewall,
                                                                       WaitingRoom waitingRoom,
                                                                       QueueUnavailableAdvice unavailable,
                                                                       ProblemDetailsAdvice problems,
                                                                       ObjectMapper objectMapper) {
        FilterRegistrationBean<DirectEntryFilter> registration = new FilterRegistrationBean<>(new DirectEntryFilter(
                new BearerShortcut(jwts, firewall), waitingRoom, unavailable, problems, new DirectAnswers(objectMapper)));
        // Beside the direct booking filter: after the request log, the body limit, the one-write answers and the
        // early shed, before Spring Security.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }
}
