package io.ticketing.command.reservation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.command.admission.api.AdmissionGateInterceptor;
import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.command.overload.api.OverloadInterceptor;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.reservation.application.ReservationService;
import io.ticketing.infra.web.ProblemDetailsAdvice;
import io.ticketing.infra.web.ProblemException;
import io.ticketing.infra.web.RequestBodyTooLarge;
import io.ticketing.infra.web.RequestBodyTooSlow;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two hottest commands of a sale — a hold ({@code POST /api/schedules/{scheduleId}/holds}) and its release
 * ({@code DELETE /api/reservations/{reservationId}}) — answered here, before Spring Security's filter chain and Spring
 * MVC, and with no request thread waiting for the booking writer: the request goes asynchronous and is answered when
 * the command's future completes. Measured (docs/benchmarks.md, "The HTTP path"): the chain, the dispatch and the 64
 * parked request threads were most of a pair's request-path CPU.
 * <p>
 * It takes only requests it can answer exactly as the full path would: the plain path, a well-formed bearer token the
 * same {@link JwtDecoder} accepts with the USER or ADMIN role, the firewall's checks passed, an admission the gate
 * accepts (holds), a JSON body of the expected shape, and no {@code Idempotency-Key} (keyed requests keep their
 * record-first path). Anything else — an anonymous or refused caller, another spelling of the path, a malformed body —
 * goes on down the chain untouched (a body already read is replayed), where security, the gate and MVC answer it as
 * before; so every refusal it does not make itself is the full path's own. What it answers itself: the command's
 * outcome (201 / 202, or the command's problem), 503 overloaded when the in-flight limit has no slot (the same bytes
 * as {@link OverloadInterceptor}), and the body limit's 413 / 408. Answers carry the headers Spring Security's
 * defaults add; the request log and the {@code http.server.requests} timer (with its route) see them as any other.
 */
public class DirectBookingFilter extends OncePerRequestFilter {
    static final String HOLD_ROUTE = "/api/schedules/{scheduleId}/holds";
    static final String CANCEL_ROUTE = "/api/reservations/{reservationId}";
    private static final String HOLDS_PREFIX = "/api/schedules/";
    private static final String HOLDS_SUFFIX = "/holds";
    private static final String RESERVATIONS_PREFIX = "/api/reservations/";
    private static final Logger log = LoggerFactory.getLogger(DirectBookingFilter.class);

    private final JwtDecoder jwts;
    private final HttpFirewall firewall;
    private final AdmissionGate gate;
    private final AdmissionGateInterceptor admission;
    private final CommandLimiter limiter;
    private final OverloadInterceptor overloaded;
    private final ReservationService reservations;
    private final ObjectMapper objectMapper;
    private final ProblemDetailsAdvice problems;

    /** {@code limiter} and {@code overloaded} are null when the overload control is off. */
    public DirectBookingFilter(JwtDecoder jwts, HttpFirewall firewall, AdmissionGate gate,
                               AdmissionGateInterceptor admission, CommandLimiter limiter,
                               OverloadInterceptor overloaded, ReservationService reservations,
                               ObjectMapper objectMapper, ProblemDetailsAdvice problems) {
        this.jwts = jwts;
        this.firewall = firewall;
        this.gate = gate;
        this.admission = admission;
        this.limiter = limiter;
        this.overloaded = overloaded;
        this.reservations = reservations;
        this.objectMapper = objectMapper;
        this.problems = problems;
    }

    private enum Route { HOLD, CANCEL }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return route(request) == null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Route route = route(request);
        HttpServletRequest checked;
        try {
            checked = firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
            chain.doFilter(request, response);
            return;
        }
        Jwt caller = route == null || !request.isAsyncSupported() || request.isSecure()
                || checked.getHeader("Idempotency-Key") != null ? null : caller(checked);
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        UserId user = new UserId(caller.getSubject());
        String uri = request.getRequestURI();
        if (route == Route.CANCEL) {
            String reservationId = uri.substring(RESERVATIONS_PREFIX.length());
            answer(request, response, CANCEL_ROUTE, reservations.cancelAsync(user, reservationId), HttpStatus.ACCEPTED, null);
            return;
        }
        String scheduleId = uri.substring(HOLDS_PREFIX.length(), uri.length() - HOLDS_SUFFIX.length());
        if (!isJson(checked.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        observed(request, HOLD_ROUTE);
        securityHeaders(response);
        // The gate's refusals are the gate interceptor's own answers (the full path would ask Redis again for them).
        if (!admission.answer(gate.check(checked.getHeader(AdmissionGateInterceptor.HEADER), caller.getSubject(),
                scheduleId), response)) {
            return;
        }
        CommandLimiter.Permit permit = null;
        if (limiter != null) {
            permit = limiter.tryAcquire().orElse(null);
            if (permit == null) {
                overloaded.refuse(response);
                return;
            }
        }
        byte[] body;
        ReservationController.HoldRequest hold;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException unreadable) {
            release(permit, false);
            // The body limit's refusals (413 / 408, with Connection: close) are the advice's, as on the full path.
            ResponseEntity<ProblemDetail> refused = unreadable instanceof RequestBodyTooLarge || unreadable instanceof RequestBodyTooSlow
                    ? problems.bodyLimit(unreadable) : problems.malformedBody();
            write(response, refused.getStatusCode().value(), refused.getHeaders(), refused.getBody(), request);
            return;
        }
        try {
            hold = objectMapper.readValue(body, ReservationController.HoldRequest.class);
        } catch (IOException | RuntimeException malformed) {
            hold = null;
        }
        if (hold == null) {
            release(permit, false);
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        answer(request, response, HOLD_ROUTE, reservations.holdAsync(user, scheduleId, hold.seatIds()), HttpStatus.CREATED,
                permit);
    }

    /** Answers when the command's future completes, on a container thread; nothing waits for it meanwhile. */
    private void answer(HttpServletRequest request, HttpServletResponse response, String routePattern,
                        CompletableFuture<?> outcome, HttpStatus success, CommandLimiter.Permit permit) {
        observed(request, routePattern);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // as the synchronous path: the writer always answers (its commits are time-bounded)
        AtomicBoolean answered = new AtomicBoolean();
        String requestId = MDC.get("requestId");
        outcome.whenComplete((result, failure) -> async.start(() -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            MDC.put("requestId", requestId); // for the request log line, written when the exchange completes
            int status = success.value();
            try {
                if (failure == null) {
                    write(response, status, null, result, request);
                } else {
                    ResponseEntity<ProblemDetail> problem = problem(failure);
                    status = problem.getStatusCode().value();
                    write(response, status, problem.getHeaders(), problem.getBody(), request);
                }
            } catch (IOException | RuntimeException gone) {
                log.debug("The answer to {} could not be written", request.getRequestURI(), gone);
            } finally {
                release(permit, status == HttpStatus.SERVICE_UNAVAILABLE.value());
                async.complete();
                MDC.remove("requestId");
            }
        }));
    }

    private ResponseEntity<ProblemDetail> problem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProblemException problem) {
            return problems.problem(problem);
        }
        return problems.unexpected(cause instanceof Exception e ? e : new IllegalStateException(cause));
    }

    /** One write with a Content-Length, as {@code OneWriteResponseFilter} makes of every answer. */
    private void write(HttpServletResponse response, int status, HttpHeaders headers, Object body,
                       HttpServletRequest request) throws IOException {
        response.setStatus(status);
        securityHeaders(response);
        if (headers != null) {
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        }
        if (body == null) {
            return;
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI())); // as Spring MVC completes a problem
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        byte[] bytes = objectMapper.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** What Spring Security's default header writers add to every answer (HSTS only over TLS: those go the full path). */
    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setHeader(HttpHeaders.EXPIRES, "0");
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** The route for the timer's {@code uri} tag, which MVC would have set from its mapping. */
    private static void observed(HttpServletRequest request, String routePattern) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(routePattern));
    }

    private static void release(CommandLimiter.Permit permit, boolean overloaded) {
        if (permit != null) {
            permit.release(overloaded);
        }
    }

    /** The caller, when the token is one the full path would accept for these endpoints; otherwise null. */
    private Jwt caller(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            Jwt jwt = jwts.decode(authorization.substring("Bearer ".length()));
            return jwt.getClaim("roles") instanceof List<?> roles && (roles.contains("USER") || roles.contains("ADMIN"))
                    ? jwt : null;
        } catch (JwtException | IllegalArgumentException refused) {
            return null;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || java.nio.charset.StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** The plain spelling of the two routes, with ids of the characters ids are made of; anything else is not ours. */
    private static Route route(HttpServletRequest request) {
        if (request.getQueryString() != null) {
            return null;
        }
        String uri = request.getRequestURI();
        String method = request.getMethod();
        if ("POST".equals(method) && uri.startsWith(HOLDS_PREFIX) && uri.endsWith(HOLDS_SUFFIX)
                && isId(uri, HOLDS_PREFIX.length(), uri.length() - HOLDS_SUFFIX.length())) {
            return Route.HOLD;
        }
        if ("DELETE".equals(method) && uri.startsWith(RESERVATIONS_PREFIX)
                && isId(uri, RESERVATIONS_PREFIX.length(), uri.length())) {
            return Route.CANCEL;
        }
        return null;
    }

    private static boolean isId(String uri, int from, int to) {
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

    /** The request with its body, already read here, readable again by the full path. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? java.nio.charset.StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
