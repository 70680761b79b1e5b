package io.ticketing.command.reservation.application;

import io.ticketing.api.common.SeatPosition;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A concurrent append (another instance wrote one of the order's aggregates first: duplicate (aggregate id,
 * sequence) key, the whole order rolled back) is a 409 naming the requested seats, never a 500 — however
 * Axon wraps it.
 */
class BookingProblemsTest {
    private static final List<SeatPosition> SEATS = List.of(SeatPosition.parse("A-1-1"), SeatPosition.parse("A-1-2"));
    private static final Exception DUPLICATE = new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062);

    @Test
    void aDuplicateSequenceOnAnExistingAggregateIsASeatConflict() {
        ProblemException problem = BookingProblems.translate(new ConcurrencyException("taken", DUPLICATE), SEATS);
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo("urn:ticketing:seat-unavailable");
        assertThat(problem.properties()).containsEntry("seatIds", List.of("A-1-1", "A-1-2"));
    }

    @Test
    void aDuplicateFirstEventOfANewAggregateIsASeatConflictToo() {
        ProblemException problem = BookingProblems.translate(
                new CommandExecutionException("wrapped", new AggregateStreamCreationException("exists", DUPLICATE)), SEATS);
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo("urn:ticketing:seat-unavailable");
    }

    @Test
    void outsideAHoldAConcurrentChangeIsAConflictToRetry() {
        ProblemException problem = BookingProblems.translate(new ConcurrencyException("changed", DUPLICATE), null);
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo("urn:ticketing:concurrent-change");
    }

    @Test
    void anythingElseIsNotTheClientsProblem() {
        assertThat(BookingProblems.translate(new IllegalStateException("disk full"), SEATS)).isNull();
    }
}
