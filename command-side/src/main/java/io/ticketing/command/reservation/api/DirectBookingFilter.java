package io.ticketing.command.reservation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.command.admission.api.AdmissionGateInterceptor;
import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.command.overload.api.OverloadInterceptor;
import io.ticketing.command.overload.application.CommandLimiter;
import io.ticketing.command.reservation.application.ReservationService;
import io.ticketing.infra.security.BearerShortcut;
import io.ticketing.infra.web.DirectAnswers;
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
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The two hottest commands of a sale — a hold ({@code POST /api/schedules/{scheduleId}/holds}) and its release
 * ({@code DELETE /api/reservations/{reservationId}}) — answered here, before Spring Security's filter chain and Spring
 * MVC, and with no request thread waiting for the booking writer: the request goes asynchronous and is answered when
 * the command's future completes. Measured (docs/benchmarks.md, "the HTTP path, measured in one JVM"): the chain, the
 * dispatch and the 64 parked request threads were most of a pair's request-path CPU.
 * <p>
 * It takes only requests it can answer exactly as the full path would: the plain path, a bearer token the same decoder
 * accepts with the USER or ADMIN role and the firewall's checks passed ({@link BearerShortcut}), no Accept preference
 * MVC might answer differently, no {@code Idempotency-Key} (keyed requests keep their record-first path), and for a
 * hold a JSON body of the expected shape. Anything else — an anonymous caller, another spelling of the path, a
 * malformed body — goes on down the chain untouched (a body already read is replayed), where security, the
 * interceptors and MVC answer it as before. What it answers itself, in the full path's order and with its answers:
 * 503 overloaded when the in-flight limit has no slot ({@link OverloadInterceptor}'s bytes), the admission gate's
 * refusals ({@link AdmissionGateInterceptor#answer}), the body limit's 413 / 408, and the command's outcome (201 / 202,
 * or the command's problem). Answers carry the headers Spring Security's defaults add; the request log and the
 * {@code http.server.requests} timer (with its route) see them as any other.
 */
public class DirectBookingFilter extends OncePerRequestFilter {
    static final String HOLD_ROUTE = "/api/schedules/{scheduleId}/holds";
    static final String CANCEL_ROUTE = "/api/reservations/{reservationId}";
    private static final String HOLDS_PREFIX = "/api/schedules/";
    private static final String HOLDS_SUFFIX = "/holds";
    private static final String RESERVATIONS_PREFIX = "/api/reservations/";
    private static final Logger log = LoggerFactory.getLogger(DirectBookingFilter.class);

    private final BearerShortcut security;
    private final AdmissionGate gate;
    private final AdmissionGateInterceptor admission;
    private final CommandLimiter limiter;
    private final OverloadInterceptor overloaded;
    private final ReservationService reservations;
    private final ObjectMapper objectMapper;
    private final ProblemDetailsAdvice problems;
    private final DirectAnswers answers;

    /** {@code limiter} and {@code overloaded} are null when the overload control is off. */
    public DirectBookingFilter(BearerShortcut security, AdmissionGate gate,
                               AdmissionGateInterceptor admission, CommandLimiter limiter,
                               OverloadInterceptor overloaded, ReservationService reservations,
                               ObjectMapper objectMapper, ProblemDetailsAdvice problems) {
        this.security = security;
        this.gate = gate;
        this.admission = admission;
        this.limiter = limiter;
        this.overloaded = overloaded;
        this.reservations = reservations;
        this.objectMapper = objectMapper;
        this.problems = problems;
        this.answers = new DirectAnswers(objectMapper);
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
        HttpServletRequest checked = route == null || !request.isAsyncSupported() ? null : security.firewalled(request);
        Jwt caller = checked == null || checked.getHeader("Idempotency-Key") != null ? null : security.user(checked);
        if (caller == null || !DirectAnswers.negotiatesAsMvc(checked)
                || route == Route.HOLD && !isJson(checked.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        UserId user = new UserId(caller.getSubject());
        String uri = request.getRequestURI();
        DirectAnswers.route(request, route == Route.HOLD ? HOLD_ROUTE : CANCEL_ROUTE);
        BearerShortcut.securityHeaders(response);
        if (route == Route.CANCEL) {
            String reservationId = uri.substring(RESERVATIONS_PREFIX.length());
            answer(request, response, reservations.cancelAsync(user, reservationId), HttpStatus.ACCEPTED, null);
            return;
        }
        String scheduleId = uri.substring(HOLDS_PREFIX.length(), uri.length() - HOLDS_SUFFIX.length());
        // In the full path's order: the in-flight limit first (a shed hold costs no Redis call), then the gate.
        CommandLimiter.Permit permit = null;
        if (limiter != null) {
            permit = limiter.tryAcquire().orElse(null);
            if (permit == null) {
                overloaded.refuse(response);
                return;
            }
        }
        // The gate's refusals are the gate interceptor's own answers (the full path would ask Redis again for them).
        if (!admission.answer(gate.check(checked.getHeader(AdmissionGateInterceptor.HEADER), caller.getSubject(),
                scheduleId), response)) {
            release(permit, false);
            return;
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
            answers.write(request, response, refused.getStatusCode().value(), refused.getHeaders(), refused.getBody());
            // Sent now, as MVC flushes it on the full path (OneWriteResponseFilter lets the flush of an answer with
            // Connection: close through): left in the buffer, it was replaced by the container's error page, because
            // RefusedBodyValve's "no draining" marks the exchange as an error before the buffer is written.
            response.flushBuffer();
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
        answer(request, response, reservations.holdAsync(user, scheduleId, hold.seatIds()), HttpStatus.CREATED, permit);
    }

    /** Answers when the command's future completes, on a container thread; nothing waits for it meanwhile. */
    private void answer(HttpServletRequest request, HttpServletResponse response, CompletableFuture<?> outcome,
                        HttpStatus success, CommandLimiter.Permit permit) {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // as the synchronous path: the writer always answers (its commits are time-bounded)
        String requestId = MDC.get("requestId");
        outcome.whenComplete((result, failure) -> async.start(() -> {
            MDC.put("requestId", requestId); // for the request log line, written when the exchange completes
            int status = success.value();
            try {
                if (failure == null) {
                    answers.write(request, response, status, null, result);
                } else {
                    ResponseEntity<ProblemDetail> problem = problem(failure);
                    status = problem.getStatusCode().value();
                    answers.write(request, response, status, problem.getHeaders(), problem.getBody());
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

    private static void release(CommandLimiter.Permit permit, boolean overloaded) {
        if (permit != null) {
            permit.release(overloaded);
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
                && DirectAnswers.isPlainId(uri, HOLDS_PREFIX.length(), uri.length() - HOLDS_SUFFIX.length())) {
            return Route.HOLD;
        }
        if ("DELETE".equals(method) && uri.startsWith(RESERVATIONS_PREFIX)
                && DirectAnswers.isPlainId(uri, RESERVATIONS_PREFIX.length(), uri.length())) {
            return Route.CANCEL;
        }
        return null;
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
