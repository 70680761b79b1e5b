package io.ticketing.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.infra.security.MetricsAccessProperties.MetricsAccess;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Bearer-token security shared by both apps: HS256 JWTs signed with {@code ticketing.security.jwt-secret},
 * {@code sub} is the user id, {@code roles} (USER or ADMIN) become authorities. Refusals are problem+json.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@EnableConfigurationProperties({JwtProperties.class, MetricsAccessProperties.class})
public class TicketingSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(JwtProperties properties) {
        byte[] key = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
        NimbusJwtDecoder verifier = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        verifier.setJwtValidator(requiredClaims());
        if (properties.jwtCacheSize() <= 0) {
            return verifier;
        }
        return new CachingJwtDecoder(verifier, properties.jwtCacheSize(), Duration.ofMinutes(10), Clock.systemUTC());
    }

    /**
     * Spring's default checks (exp and nbf when present, with a minute of clock skew) plus the claims this
     * contract requires: a token without {@code exp} would be valid forever (and remembered by the cache), and
     * one without {@code sub} names no user, so every request it made failed later as a 500. Both are refused
     * here, before authentication succeeds: a 401 like any other bad token.
     */
    static OAuth2TokenValidator<Jwt> requiredClaims() {
        return JwtValidators.createDefaultWithValidators(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
    }

    /**
     * No observation per security filter: with an observation registry present, Spring Security wraps each of
     * its filters in an observation of its own, which cost more CPU than the filters themselves under load
     * (docs/benchmarks.md). Requests are still timed as a whole ({@code http.server.requests}).
     * {@code ticketing.security.observations=true} puts them back.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "ticketing.security.observations", havingValue = "false", matchIfMissing = true)
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A URL that Spring Security's firewall refuses (encoded slashes or dots, semicolons, doubled slashes, ...)
     * is a 400 problem like any other malformed request, instead of the container's error page.
     */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper objectMapper) {
        ProblemWriter problems = new ProblemWriter(objectMapper);
        return (request, response, e) -> problems.write(response, HttpStatus.BAD_REQUEST, "urn:ticketing:malformed-request",
                "Malformed request", "The request's URL is not acceptable.");
    }

    /**
     * Spring Security's strict firewall with its own rules, only decided faster: header names and values and
     * parameter names are checked by {@link PrintableText} rather than by a regex on every read (parameter values
     * are not checked by default, and still are not).
     */
    @Bean
    @ConditionalOnMissingBean
    public HttpFirewall strictHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(PrintableText.NAMES);
        firewall.setAllowedHeaderValues(PrintableText.HEADER_VALUES);
        firewall.setAllowedParameterNames(PrintableText.NAMES);
        return firewall;
    }

    @Bean
    @ConditionalOnMissingBean
    public SecurityFilterChain ticketingSecurityFilterChain(HttpSecurity http, ObjectMapper objectMapper,
                                                            MetricsAccessProperties metrics,
                                                            Environment environment) throws Exception {
        // The dev login mints tokens: its path is opened only where it exists (profile local), so anywhere else it is
        // refused before any controller could be reached, even if one were there by mistake.
        boolean devLogin = environment.acceptsProfiles(Profiles.of("local"));
        ProblemWriter problems = new ProblemWriter(objectMapper);
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);

        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> {
                    if (metrics.metricsAccess() == MetricsAccess.ADMIN) {
                        auth.requestMatchers("/actuator/prometheus").hasRole("ADMIN"); // first match wins
                    }
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                    "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                            .permitAll()
                            .requestMatchers(HttpMethod.POST, "/api/payments/webhook").permitAll()
                            // The fan's page: static files and its configuration, which hold no secret.
                            .requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/fan/**").permitAll();
                    if (devLogin) {
                        auth.requestMatchers(HttpMethod.POST, "/dev/login").permitAll();
                    }
                    auth
                            .requestMatchers("/api/admin/**").hasRole("ADMIN")
                            .anyRequest().hasAnyRole("USER", "ADMIN");
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED, "urn:ticketing:unauthenticated", "Unauthenticated",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "urn:ticketing:forbidden", "Forbidden", "Your role does not allow this.")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED, "urn:ticketing:unauthenticated", "Unauthenticated",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "urn:ticketing:forbidden", "Forbidden", "Your role does not allow this.")));
        return http.build();
    }
}
