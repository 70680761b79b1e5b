package io.ticketing.command.admission.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import io.ticketing.command.admission.application.AdmissionProperties;
import io.ticketing.command.admission.application.WaitingRoomUnavailable;
import io.ticketing.infra.web.ProblemException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Redis unreachable: the waiting room answers 503 with Retry-After instead of guessing. */
@RestControllerAdvice(basePackageClasses = QueueController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueueUnavailableAdvice {
    private final String retryAfterSeconds;

    public QueueUnavailableAdvice(AdmissionProperties properties) {
        this.retryAfterSeconds = Integer.toString(properties.retryAfterSeconds());
    }

    @ExceptionHandler(WaitingRoomUnavailable.class)
    public ResponseEntity<ProblemDetail> unavailable(WaitingRoomUnavailable e) {
        return ProblemException.unavailable("urn:ticketing:queue-unavailable", "Waiting room unavailable",
                "The waiting room cannot be reached right now; try again shortly.", retryAfterSeconds).toResponse();
    }
}
