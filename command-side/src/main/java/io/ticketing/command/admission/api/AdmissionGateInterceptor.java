package io.ticketing.command.admission.api;

import io.ticketing.command.admission.application.AdmissionGate;
import io.ticketing.infra.security.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.Map;

/**
 * The admission gate, in front of every handler marked {@link AdmissionRequired} (the seat and payment
 * commands). It runs once the dispatcher has chosen the handler and before its arguments are read, so the
 * decision follows the routing itself (a path that reaches the handler in any spelling is gated) and a refused
 * request costs no database work: 403 {@code urn:ticketing:not-admitted} without a valid admission
 * ({@code X-Admission-Token}), 503 with Retry-After when Redis cannot be asked (fails closed). A handler marked
 * {@code activeSlot = false} (paying for a hold) needs only an admission token issued to the caller, and Redis is
 * not asked.
 */
public class AdmissionGateInterceptor implements HandlerInterceptor {
    public static final String HEADER = "X-Admission-Token";

    private final AdmissionGate gate;
    private final ProblemWriter problems;
    private final String retryAfterSeconds;

    public AdmissionGateInterceptor(AdmissionGate gate, ProblemWriter problems, int retryAfterSeconds) {
        this.gate = gate;
        this.problems = problems;
        this.retryAfterSeconds = Integer.toString(retryAfterSeconds);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        AdmissionRequired required = handler instanceof HandlerMethod method
                ? method.getMethodAnnotation(AdmissionRequired.class) : null;
        if (required == null) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            // Security lets no unauthenticated request this far; should it ever, the gate stays shut.
            refuse(response, "missing");
            return false;
        }
        String token = request.getHeader(HEADER);
        AdmissionGate.Decision decision = required.activeSlot()
                ? gate.check(token, jwt.getSubject(), scheduleId(request, required))
                : gate.checkIssued(token, jwt.getSubject());
        return answer(decision, response);
    }

    /**
     * True when the decision lets the request through; otherwise its refusal is written: 503 with Retry-After when
     * Redis could not be asked, 403 {@code urn:ticketing:not-admitted} saying why.
     */
    public boolean answer(AdmissionGate.Decision decision, HttpServletResponse response) throws IOException {
        switch (decision.outcome()) {
            case ADMITTED -> {
                return true;
            }
            case UNAVAILABLE -> {
                response.setHeader("Retry-After", retryAfterSeconds);
                problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "urn:ticketing:queue-unavailable",
                        "Waiting room unavailable", "Admissions cannot be checked right now; try again shortly.");
            }
            case REFUSED -> refuse(response, decision.reason());
        }
        return false;
    }

    /** The schedule as the handler will see it: the decoded path variable the dispatcher matched. */
    private static String scheduleId(HttpServletRequest request, AdmissionRequired required) {
        if (required.scheduleVariable().isEmpty()) {
            return null;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        // A handler that names a schedule variable always has it; if not, "" matches no token's schedule.
        return variables instanceof Map<?, ?> map && map.get(required.scheduleVariable()) instanceof String id ? id : "";
    }

    private void refuse(HttpServletResponse response, String reason) throws IOException {
        problems.write(response, HttpStatus.FORBIDDEN, "urn:ticketing:not-admitted", "Not admitted",
                switch (reason) {
                    case "missing" -> "This request needs an admission token (" + HEADER + ") from the waiting room.";
                    case "expired" -> "The admission token has expired; queue again.";
                    case "wrong-schedule" -> "The admission token is for another schedule.";
                    case "not-admitted" -> "The admission is no longer active; queue again.";
                    default -> "The admission token is not valid.";
                });
    }
}
