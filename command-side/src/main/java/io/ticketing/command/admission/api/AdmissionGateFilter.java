package io.ticketing.command.admission.api;

import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.infra.security.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admission gate, in front of every seat and payment command: {@code POST /api/schedules/{id}/holds}
 * and {@code POST /api/reservations/{id}/payments}. Runs after authentication and before any controller, so
 * a refused request costs no database work: 403 {@code urn:ticketing:not-admitted} without a valid
 * admission ({@code X-Admission-Token}), 503 with Retry-After when Redis cannot be asked (fails closed).
 */
public class AdmissionGateFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Admission-Token";
    private static final Pattern HOLDS = Pattern.compile("^/api/schedules/([^/]+)/holds/?$");
    private static final Pattern PAYMENTS = Pattern.compile("^/api/reservations/[^/]+/payments/?$");

    private final AdmissionGate gate;
    private final ProblemWriter problems;
    private final int retryAfterSeconds;

    public AdmissionGateFilter(AdmissionGate gate, ProblemWriter problems, int retryAfterSeconds) {
        this.gate = gate;
        this.problems = problems;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !HOLDS.matcher(path).matches() && !PAYMENTS.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            chain.doFilter(request, response); // security has already answered 401
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher holds = HOLDS.matcher(path);
        String scheduleId = holds.matches() ? holds.group(1) : null;
        AdmissionGate.Decision decision = gate.check(request.getHeader(HEADER), jwt.getSubject(), scheduleId);
        switch (decision.outcome()) {
            case ADMITTED -> chain.doFilter(request, response);
            case UNAVAILABLE -> {
                response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
                problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "urn:ticketing:queue-unavailable",
                        "Waiting room unavailable", "Admissions cannot be checked right now; try again shortly.");
            }
            case REFUSED -> problems.write(response, HttpStatus.FORBIDDEN, "urn:ticketing:not-admitted", "Not admitted",
                    switch (decision.reason()) {
                        case "missing" -> "This request needs an admission token (" + HEADER + ") from the waiting room.";
                        case "expired" -> "The admission token has expired; queue again.";
                        case "wrong-schedule" -> "The admission token is for another schedule.";
                        case "not-admitted" -> "The admission is no longer active; queue again.";
                        default -> "The admission token is not valid.";
                    });
        }
    }
}
