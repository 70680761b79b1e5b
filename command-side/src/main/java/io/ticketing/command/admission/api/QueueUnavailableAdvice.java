package io.ticketing.command.admission.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import io.ticketing.command.admission.application.AdmissionProperties;
import io.ticketing.command.admission.application.WaitingRoomUnavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The waiting room cannot be reached right now; try again shortly.");
        problem.setType(URI.create("urn:ticketing:queue-unavailable"));
        problem.setTitle("Waiting room unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", retryAfterSeconds)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
