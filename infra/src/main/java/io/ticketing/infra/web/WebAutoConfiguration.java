package io.ticketing.infra.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.infra.security.ProblemWriter;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Request logging, bounded request bodies, answers sent in one write and problem+json errors for both apps; ordered
 * before Boot's MVC set-up so that this advice replaces Boot's default problem-details handler and this JSON converter
 * Boot's own.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class})
@EnableConfigurationProperties(WebLimitsProperties.class)
@Import(ProblemDetailsAdvice.class)
public class WebAutoConfiguration {
    /** Deeper than any body of the API (a concert is 3 levels) by far, and far below what would exhaust a stack. */
    static final int MAX_JSON_NESTING = 32;
    /** No field of the API is longer than a few hundred characters. */
    static final int MAX_JSON_STRING = 16_384;
    static final int MAX_JSON_NAME = 256;
    /** A long has 19 digits; longer numbers are only there to make BigInteger/BigDecimal parsing expensive. */
    static final int MAX_JSON_NUMBER = 64;

    @Bean
    public FilterRegistrationBean<RequestLoggingFilter> requestLoggingFilter() {
        FilterRegistrationBean<RequestLoggingFilter> registration = new FilterRegistrationBean<>(new RequestLoggingFilter());
        // Before security, so refused requests are logged and carry a request id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the request log and before security: an oversized body is refused before anyone looks at it. */
    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebLimitsProperties limits,
                                                                                 ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limits, new ProblemWriter(objectMapper)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Inside the body limit, outside security and MVC, so no flush of theirs commits a response early. */
    @Bean
    public FilterRegistrationBean<OneWriteResponseFilter> oneWriteResponseFilter() {
        FilterRegistrationBean<OneWriteResponseFilter> registration = new FilterRegistrationBean<>(new OneWriteResponseFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * The JSON converter of request and response bodies, on a copy of the app's ObjectMapper whose parser has tight
     * {@link StreamReadConstraints}. A copy, so the limits apply to what clients send and nothing else (Axon's
     * serializer may use the app's ObjectMapper for event payloads, which can be large).
     */
    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper,
                                                                                   WebLimitsProperties limits) {
        ObjectMapper requests = objectMapper.copy();
        requests.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_NESTING)
                .maxStringLength(MAX_JSON_STRING)
                .maxNameLength(MAX_JSON_NAME)
                .maxNumberLength(MAX_JSON_NUMBER)
                .maxDocumentLength(limits.maxRequestBody().toBytes())
                .build());
        return new MappingJackson2HttpMessageConverter(requests);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatLimits {
        /** A refused body is not drained: the connection closes after the answer (see RefusedBodyValve). */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodiesAreNotDrained() {
            return factory -> factory.addContextValves(new RefusedBodyValve());
        }
    }
}
