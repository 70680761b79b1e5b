package io.ticketing.command.overload.api;

import io.ticketing.command.overload.application.CommandLimiter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Admission control of command work: a {@link CommandWork} handler runs only with a slot of the {@link CommandLimiter};
 * without one (none freed within {@code ticketing.overload.max-wait}) the request is answered 503
 * {@code urn:ticketing:overloaded} with {@code Retry-After} before the admission gate, the body, the idempotency
 * record or anything else is touched, so a refusal costs microseconds and leaves nothing behind. It runs first of
 * the interceptors, once security has authenticated the caller (an anonymous flood gets its 401 without taking a slot).
 */
public class OverloadInterceptor implements HandlerInterceptor {
    public static final String TYPE = "urn:ticketing:overloaded";
    private static final String PERMIT = OverloadInterceptor.class.getName() + ".permit";

    private final CommandLimiter limiter;
    private final byte[] refusal;
    private final String retryAfterSeconds;

    public OverloadInterceptor(CommandLimiter limiter, ObjectMapper objectMapper, int retryAfterSeconds) {
        this.limiter = limiter;
        this.retryAfterSeconds = Integer.toString(retryAfterSeconds);
        // Every refusal says the same: serialized once, so that refusing costs no JSON work while the CPU is short.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The command side is at capacity; nothing was done. Try again after Retry-After seconds.");
        problem.setType(URI.create(TYPE));
        problem.setTitle("Overloaded");
        try {
            this.refusal = objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !isCommandWork(method)) {
            return true;
        }
        Optional<CommandLimiter.Permit> permit = limiter.tryAcquire();
        if (permit.isPresent()) {
            request.setAttribute(PERMIT, permit.get());
            return true;
        }
        refuse(response);
        return false;
    }

    /** The refusal: 503 {@code urn:ticketing:overloaded} with {@code Retry-After}, the same bytes every time. */
    public void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", retryAfterSeconds);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(refusal.length);
        response.getOutputStream().write(refusal);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(PERMIT) instanceof CommandLimiter.Permit permit) {
            request.removeAttribute(PERMIT);
            // A 503 from further in (a write that timed out) says the command side is overloaded.
            permit.release(response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }

    private static boolean isCommandWork(HandlerMethod method) {
        return method.hasMethodAnnotation(CommandWork.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), CommandWork.class);
    }
}
