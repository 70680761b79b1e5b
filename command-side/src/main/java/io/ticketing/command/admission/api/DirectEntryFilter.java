package io.ticketing.command.admission.api;

import io.ticketing.command.admission.application.WaitingRoom;
import io.ticketing.command.admission.application.WaitingRoomUnavailable;
import io.ticketing.infra.security.BearerShortcut;
import io.ticketing.infra.web.DirectAnswers;
import io.ticketing.infra.web.ProblemDetailsAdvice;
import io.ticketing.infra.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A fan's entry into a waiting room ({@code POST /api/queue/{scheduleId}/entries}) answered before Spring Security's
 * filter chain and Spring MVC, for the same reason and on the same terms as the reservation package's
 * {@code DirectBookingFilter}: when a sale opens, every fan enters once within a minute, and the chain and the
 * dispatch were a large part of an entry's CPU (docs/benchmarks.md). It takes only the plain path with a bearer token
 * the chain would accept ({@link BearerShortcut}); every other request goes on down the chain untouched. Its answers
 * are {@link QueueController#enter}'s: 201 / 200 with the entry, the waiting room's problems, 503 with Retry-After
 * when Redis cannot be reached ({@link QueueUnavailableAdvice}).
 */
public class DirectEntryFilter extends OncePerRequestFilter {
    static final String ENTRY_ROUTE = "/api/queue/{scheduleId}/entries";
    private static final String PREFIX = "/api/queue/";
    private static final String SUFFIX = "/entries";

    private final BearerShortcut security;
    private final WaitingRoom waitingRoom;
    private final QueueUnavailableAdvice unavailable;
    private final ProblemDetailsAdvice problems;
    private final DirectAnswers answers;

    public DirectEntryFilter(BearerShortcut security, WaitingRoom waitingRoom, QueueUnavailableAdvice unavailable,
                             ProblemDetailsAdvice problems, DirectAnswers answers) {
        this.security = security;
        this.waitingRoom = waitingRoom;
        this.unavailable = unavailable;
        this.problems = problems;
        this.answers = answers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return scheduleId(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked = security.firewalled(request);
        Jwt caller = checked == null ? null : security.user(checked);
        String scheduleId = scheduleId(request);
        if (caller == null || scheduleId == null || !DirectAnswers.negotiatesAsMvc(checked)) {
            chain.doFilter(request, response);
            return;
        }
        DirectAnswers.route(request, ENTRY_ROUTE);
        BearerShortcut.securityHeaders(response);
        ResponseEntity<?> answer;
        try {
            answer = QueueController.entered(waitingRoom.enter(scheduleId, caller.getSubject()));
        } catch (WaitingRoomUnavailable down) {
            answer = unavailable.unavailable(down);
        } catch (ProblemException problem) {
            answer = problems.problem(problem);
        } catch (RuntimeException unexpected) {
            answer = problems.unexpected(unexpected);
        }
        answers.write(request, response, answer.getStatusCode().value(), answer.getHeaders(), answer.getBody());
    }

    /** The schedule of the plain spelling of the route, with an id of the characters ids are made of; else null. */
    private static String scheduleId(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getQueryString() != null) {
            return null;
        }
        String uri = request.getRequestURI();
        if (!uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)
                || !DirectAnswers.isPlainId(uri, PREFIX.length(), uri.length() - SUFFIX.length())) {
            return null;
        }
        return uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
    }
}
