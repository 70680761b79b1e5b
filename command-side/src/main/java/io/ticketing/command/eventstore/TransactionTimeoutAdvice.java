package io.ticketing.command.eventstore;

import io.ticketing.infra.web.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A command whose transaction ran past {@code ticketing.eventstore.transaction-timeout} was rolled back
 * ({@link BoundedTransactionManager}): nothing of it was stored, so the client may simply try again. An
 * overloaded store, not a bug: 503 with Retry-After rather than the catch-all 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TransactionTimeoutAdvice {

    @ExceptionHandler(TransactionTimedOutException.class)
    public ResponseEntity<ProblemDetail> timedOut(TransactionTimedOutException e) {
        return ProblemException.unavailable("urn:ticketing:write-timeout", "Write timed out",
                "The change took too long to store and was not made; try again shortly.", "1").toResponse();
    }
}
