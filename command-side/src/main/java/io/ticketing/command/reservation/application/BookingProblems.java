package io.ticketing.command.reservation.application;

import io.ticketing.api.common.SeatPosition;
import io.ticketing.command.payment.domain.PaymentAmountMismatch;
import io.ticketing.command.payment.domain.PaymentOrderClosed;
import io.ticketing.command.reservation.domain.HoldLimitReached;
import io.ticketing.command.reservation.domain.HoldNotActive;
import io.ticketing.command.reservation.domain.InvalidOrder;
import io.ticketing.command.reservation.domain.ReservationNotCancellable;
import io.ticketing.command.reservation.domain.ReservationNotFound;
import io.ticketing.command.reservation.domain.SeatsUnavailable;
import io.ticketing.command.reservation.domain.ShowStarted;
import io.ticketing.command.reservation.domain.UnknownSeats;
import io.ticketing.command.seat.domain.SeatNotAvailable;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Turns the booking rules' refusals (whatever wraps them on the way out of the command bus) into problems. */
public final class BookingProblems {
    public static final String SEAT_UNAVAILABLE = "urn:ticketing:seat-unavailable";
    public static final String HOLD_LIMIT = "urn:ticketing:hold-limit";
    public static final String HOLD_EXPIRED = "urn:ticketing:hold-expired";
    public static final String SHOW_STARTED = "urn:ticketing:show-started";

    private BookingProblems() {
    }

    /** The problem for a refusal, or null when the failure is not one the client caused. */
    public static ProblemException translate(Throwable failure, List<SeatPosition> requestedSeats) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
            if (t instanceof SeatsUnavailable e) {
                return seatUnavailable(e.getMessage(), labels(e.seats()));
            }
            if (t instanceof SeatNotAvailable e) {
                return seatUnavailable(e.getMessage(), List.of(e.seatId().label()));
            }
            boolean concurrentAppend = t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException;
            if (concurrentAppend && requestedSeats == null) {
                return new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:concurrent-change", "Concurrent change",
                        "The reservation changed at the same moment; retry.");
            }
            if (concurrentAppend) {
                // Another instance appended to one of these aggregates first: the whole order rolled back.
                return seatUnavailable("Another order took one of these seats at the same moment; nothing was held.",
                        labels(requestedSeats));
            }
            if (t instanceof UnknownSeats e) {
                return new ProblemException(HttpStatus.NOT_FOUND, "urn:ticketing:seat-not-found", "Seat not found",
                        e.getMessage(), Map.of("seatIds", labels(e.seats())));
            }
            if (t instanceof HoldLimitReached e) {
                return new ProblemException(HttpStatus.CONFLICT, HOLD_LIMIT, "Hold limit reached", e.getMessage());
            }
            if (t instanceof InvalidOrder e) {
                return ProblemException.badRequest(e.getMessage());
            }
            if (t instanceof ReservationNotFound e) {
                return new ProblemException(HttpStatus.NOT_FOUND, "urn:ticketing:not-found", "Not found", e.getMessage());
            }
            if (t instanceof HoldNotActive e) {
                return new ProblemException(HttpStatus.CONFLICT, HOLD_EXPIRED, "Hold expired", e.getMessage());
            }
            if (t instanceof ReservationNotCancellable e) {
                return new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:not-cancellable", "Not cancellable", e.getMessage());
            }
            if (t instanceof ShowStarted e) {
                return new ProblemException(HttpStatus.CONFLICT, SHOW_STARTED, "Show started", e.getMessage());
            }
            if (t instanceof PaymentAmountMismatch e) {
                return new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:amount-mismatch", "Amount mismatch", e.getMessage());
            }
            if (t instanceof PaymentOrderClosed e) {
                return new ProblemException(HttpStatus.CONFLICT, "urn:ticketing:payment-closed", "Payment order closed", e.getMessage());
            }
            if (t instanceof AggregateNotFoundException) {
                return ProblemException.notFound("The payment order");
            }
        }
        return null;
    }

    private static ProblemException seatUnavailable(String detail, List<String> seatIds) {
        return new ProblemException(HttpStatus.CONFLICT, SEAT_UNAVAILABLE, "Seat unavailable", detail,
                Map.of("seatIds", seatIds));
    }

    private static List<String> labels(List<SeatPosition> seats) {
        return seats.stream().map(SeatPosition::label).toList();
    }
}
