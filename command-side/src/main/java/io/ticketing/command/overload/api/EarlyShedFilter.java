package io.ticketing.command.overload.api;

import io.ticketing.command.overload.application.CommandLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a hold or a payment order that arrives while the in-flight limit has no slot and no room to wait, before
 * Spring Security and MVC's handler lookup: under a flood that work cost as much CPU as
 * the refusal itself (measured: at 4,000 holds/s offered the refusals took the cores from the accepted work,
 * docs/benchmarks.md). Only a shortcut: it knows the two endpoints by their plain path, and whatever it does not
 * refuse still meets {@link OverloadInterceptor}, which decides by the handler the dispatcher chose. So an
 * anonymous request may get this 503 instead of its 401 while the command side is full; nothing is done either way.
 */
public class EarlyShedFilter extends OncePerRequestFilter {
    private final CommandLimiter limiter;
    private final OverloadInterceptor refusal;

    public EarlyShedFilter(CommandLimiter limiter, OverloadInterceptor refusal) {
        this.limiter = limiter;
        this.refusal = refusal;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isCommandWork(request.getRequestURI()) && limiter.saturated()) {
            limiter.shedEarly();
            refusal.refuse(response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isCommandWork(String uri) {
        return uri.startsWith("/api/schedules/") && uri.endsWith("/holds")
                || uri.startsWith("/api/reservations/") && uri.endsWith("/payments");
    }
}
