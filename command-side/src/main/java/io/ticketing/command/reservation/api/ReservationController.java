package io.ticketing.command.reservation.api;

import io.ticketing.command.admission.api.AdmissionRequired;
import io.ticketing.command.overload.api.CommandWork;
import io.ticketing.command.reservation.application.HoldResponse;
import io.ticketing.command.reservation.application.PaymentOrderResponse;
import io.ticketing.command.reservation.application.ReservationService;
import io.ticketing.infra.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Holds, payment orders and cancellations of the authenticated user's reservations. Holds and payment orders are
 * {@link CommandWork} (shed under overload); a cancellation is not: it frees capacity, there is at most one per
 * hold that was let in, and shedding it would leave its seats held until the hold expires (measured: shed
 * releases turned a 300 pairs/s load into 5 pairs/s of goodput, docs/benchmarks.md).
 */
@RestController
public class ReservationController {
    private final ReservationService reservations;

    public ReservationController(ReservationService reservations) {
        this.reservations = reservations;
    }

    public record HoldRequest(List<String> seatIds) {
    }

    @PostMapping("/api/schedules/{scheduleId}/holds")
    @CommandWork
    @AdmissionRequired(scheduleVariable = "scheduleId")
    @ResponseStatus(HttpStatus.CREATED)
    public HoldResponse hold(@PathVariable String scheduleId, @RequestBody HoldRequest request,
                         @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        return reservations.hold(CurrentUser.id(), scheduleId, request.seatIds(), idempotencyKey);
    }

    // Paying carries on what the admission started: the hold's own expiry rules, not the admission slot's.
    @PostMapping("/api/reservations/{reservationId}/payments")
    @CommandWork
    @AdmissionRequired(activeSlot = false)
    @ResponseStatus(HttpStatus.CREATED)
    public PaymentOrderResponse pay(@PathVariable String reservationId,
                                @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        return reservations.openPayment(CurrentUser.id(), reservationId, idempotencyKey);
    }

    @DeleteMapping("/api/reservations/{reservationId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public void cancel(@PathVariable String reservationId) {
        reservations.cancel(CurrentUser.id(), reservationId);
    }
}
