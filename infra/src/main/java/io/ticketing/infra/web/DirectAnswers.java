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

    /**
     * Whether {@code uri[from, to)} is an id as the engine makes them (letters, digits and dashes, at most 64): a
     * path variable that MVC would pass on as it is, with nothing to decode.
     */
    public static boolean isPlainId(String uri, int from, int to) {
        if (to - from < 1 || to - from > 64) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The route pattern MVC's mapping would have put in the request's observation. */
    public static void route(HttpServletRequest request, String pattern) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(pattern));
    }

    /**
     * Whether MVC's content negotiation would give the answers this class writes: JSON for a result, problem+json for
     * a problem. True with no Accept header, or one whose first type is {@code &#42;/&#42;} or {@code application/json} and
     * that takes problem+json too (as the fan's page sends it: {@code application/json, application/problem+json}),
     * all at full quality. A request with another preference is left to MVC, whose choice a filter should not guess.
     */
    public static boolean negotiatesAsMvc(HttpServletRequest request) {
        java.util.Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
        if (values == null || !values.hasMoreElements()) {
            return true;
        }
        java.util.List<MediaType> accepted = new java.util.ArrayList<>();
        try {
            while (values.hasMoreElements()) {
                accepted.addAll(MediaType.parseMediaTypes(values.nextElement()));
            }
        } catch (RuntimeException invalid) {
            return false;
        }
        if (accepted.isEmpty()) {
            return true;
        }
        MediaType first = accepted.get(0);
        boolean takesProblems = false;
        for (MediaType type : accepted) {
            if (type.getQualityValue() != 1.0) {
                return false;
            }
            takesProblems |= type.includes(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return (MediaType.ALL.equalsTypeAndSubtype(first) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(first))
                && takesProblems;
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
