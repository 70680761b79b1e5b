package io.ticketing.command.reservation.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationRefunded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Every booking counter, in one place. Hold requests are counted by their answer ({@code ticketing.holds} by
 * outcome, {@code ticketing.oversell.guard.refusals}), as {@link ReservationService} gives it; the other outcomes
 * are counted from the events as they are appended (a subscribing processor in the appending unit of work), and
 * only once that unit of work committed, so a rolled-back order counts nothing.
 */
@Component
@ProcessingGroup(BookingMetrics.PROCESSING_GROUP)
public class BookingMetrics {
    public static final String PROCESSING_GROUP = "booking-metrics";

    private final Counter holdsAccepted;
    private final Counter holdsSeatUnavailable;
    private final Counter holdsLimit;
    private final Counter holdsInvalid;
    private final Counter guardRefusals;
    private final Counter confirmed;
    private final Counter expired;
    private final Counter cancelled;
    private final Counter refunds;
    private final Counter paid;
    private final Counter failed;

    public BookingMetrics(MeterRegistry meters) {
        this.holdsAccepted = holds(meters, "accepted");
        this.holdsSeatUnavailable = holds(meters, "seat-unavailable");
        this.holdsLimit = holds(meters, "hold-limit");
        this.holdsInvalid = holds(meters, "invalid");
        this.guardRefusals = Counter.builder("ticketing.oversell.guard.refusals")
                .description("Holds refused by a Seat aggregate because a seat was not free").register(meters);
        this.confirmed = Counter.builder("ticketing.reservations.confirmed").register(meters);
        this.expired = Counter.builder("ticketing.reservations.expired").register(meters);
        this.cancelled = Counter.builder("ticketing.reservations.cancelled").register(meters);
        this.refunds = Counter.builder("ticketing.refunds").register(meters);
        this.paid = Counter.builder("ticketing.payments").tag("status", "PAID").register(meters);
        this.failed = Counter.builder("ticketing.payments").tag("status", "FAILED").register(meters);
    }

    private static Counter holds(MeterRegistry meters, String outcome) {
        return Counter.builder("ticketing.holds").tag("outcome", outcome).description("Hold requests by outcome").register(meters);
    }

    /** A hold answered 201. */
    void holdAccepted() {
        holdsAccepted.increment();
    }

    /** A hold refused before it was sent: its seat ids are missing or malformed. */
    void holdInvalid() {
        holdsInvalid.increment();
    }

    /** A hold refused with this problem type (a taken seat, the user's hold limit, anything else as invalid). */
    void holdRefused(String problemType) {
        switch (problemType) {
            case BookingProblems.SEAT_UNAVAILABLE -> {
                holdsSeatUnavailable.increment();
                guardRefusals.increment();
            }
            case BookingProblems.HOLD_LIMIT -> holdsLimit.increment();
            default -> holdsInvalid.increment();
        }
    }

    private static void afterCommit(UnitOfWork<?> unitOfWork, Counter counter) {
        if (unitOfWork == null) {
            counter.increment();
        } else {
            unitOfWork.root().afterCommit(u -> counter.increment());
        }
    }

    @EventHandler
    void on(ReservationConfirmed event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, confirmed);
    }

    @EventHandler
    void on(ReservationExpired event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, expired);
    }

    @EventHandler
    void on(ReservationCancelled event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, cancelled);
    }

    @EventHandler
    void on(ReservationRefunded event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, cancelled);
    }

    @EventHandler
    void on(PaymentRefunded event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, refunds);
    }

    @EventHandler
    void on(PaymentCompleted event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, paid);
    }

    @EventHandler
    void on(PaymentFailed event, UnitOfWork<?> unitOfWork) {
        afterCommit(unitOfWork, failed);
    }
}
