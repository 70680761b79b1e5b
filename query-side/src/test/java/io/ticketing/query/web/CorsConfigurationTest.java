package io.ticketing.query.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS exists only when origins are configured; then only for the API, only for GETs, never with credentials. */
class CorsConfigurationTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CorsProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, CorsConfiguration.class);

    @Test
    void withoutAllowedOriginsThereIsNoCorsConfigurationAtAll() {
        runner.run(context -> assertThat(context).doesNotHaveBean("corsConfigurationSource"));
    }

    @Test
    void theConfiguredOriginsMayGetTheApi() {
        runner.withPropertyValues("ticketing.cors.allowed-origin-patterns=http://localhost:8080,http://127.0.0.1:[*]")
                .run(context -> {
                    UrlBasedCorsConfigurationSource source = context.getBean("corsConfigurationSource", UrlBasedCorsConfigurationSource.class);
                    var api = source.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/concerts"));
                    assertThat(api).isNotNull();
                    assertThat(api.checkOrigin("http://localhost:8080")).isEqualTo("http://localhost:8080");
                    assertThat(api.checkOrigin("http://127.0.0.1:18080")).isEqualTo("http://127.0.0.1:18080");
                    assertThat(api.checkOrigin("http://elsewhere.example")).isNull();
                    assertThat(api.getAllowedMethods()).containsExactly("GET");
                    assertThat(api.getAllowCredentials()).isFalse();
                    assertThat(api.getMaxAge()).isEqualTo(Duration.ofMinutes(30).toSeconds());
                    assertThat(source.getCorsConfiguration(new MockHttpServletRequest("GET", "/actuator/health"))).isNull();
                });
    }
}
