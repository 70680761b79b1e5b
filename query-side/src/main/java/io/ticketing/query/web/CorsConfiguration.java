package io.ticketing.query.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * Lets the fan's page (on the command side's origin) read this API with its bearer token. Spring Security picks up
 * a bean named {@code corsConfigurationSource} by itself and answers preflights before authentication; without the
 * property there is no such bean and the API behaves exactly as before (no CORS headers, preflights 401).
 */
@Configuration(proxyBeanMethods = false)
public class CorsConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "ticketing.cors", name = "allowed-origin-patterns")
    public UrlBasedCorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        org.springframework.web.cors.CorsConfiguration api = new org.springframework.web.cors.CorsConfiguration();
        api.setAllowedOriginPatterns(properties.allowedOriginPatterns());
        api.setAllowedMethods(List.of("GET"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id"));
        api.setExposedHeaders(List.of("X-Request-Id", "Retry-After"));
        // Bearer tokens travel in a header, never as cookies.
        api.setAllowCredentials(false);
        api.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
