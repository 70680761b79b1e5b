package io.ticketing.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Writes an answer the way Spring MVC would have written it for a controller, for filters that answer an endpoint
 * themselves: JSON (problem+json for a {@link ProblemDetail}, whose {@code instance} is the request path when unset,
 * as MVC completes it), in one write with a Content-Length (as {@link OneWriteResponseFilter} makes of every small
 * answer), and the route in the request's observation, for the {@code uri} tag of {@code http.server.requests}.
 */
public final class DirectAnswers {
    private final ObjectMapper objectMapper;

    public DirectAnswers(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The route pattern MVC's mapping would have put in the request's observation. */
    public static void route(HttpServletRequest request, String pattern) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(pattern));
    }

    /** Status, the extra headers (may be null) and the body (null: none). */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, HttpHeaders headers,
                      Object body) throws IOException {
        response.setStatus(status);
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        if (body == null) {
            return;
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        byte[] bytes = objectMapper.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
