package io.ticketing.command.reservation.application;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.command.booking.BookingRoutes;
import io.ticketing.command.reservation.domain.PaymentOrderCreatedResult;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds, payment orders and cancellations for the authenticated user: each request becomes one command sent through
 * the command gateway, once, and its answer or refusal (a problem) comes back from there. A hopeless hold is refused
 * on the way, by the command bus ({@link EarlyHoldRefusal}), like any other refusal.
 */
@Service
public class ReservationService {
    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final BookingRoutes routes;
    private final BookingMetrics metrics;

    public ReservationService(CommandGateway commands, IdempotentRequests idempotent, BookingRoutes routes,
                              BookingMetrics metrics) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.routes = routes;
        this.metrics = metrics;
    }

    public HoldResponse hold(UserId user, String scheduleId, List<String> seatIds, String idempotencyKey) {
        return idempotent.once(user, idempotencyKey, "hold:" + scheduleId, seatIds, HoldResponse.class,
                attempt -> doHold(user, scheduleId, seatIds, attempt));
    }

    private HoldResponse doHold(UserId user, String scheduleId, List<String> seatIds, IdempotentRequests.Attempt<HoldResponse> attempt) {
        List<SeatPosition> seats = new ArrayList<>();
        try {
            if (seatIds == null) {
                throw ProblemException.badRequest("seatIds is required.");
            }
            for (String label : seatIds) {
                seats.add(SeatPosition.parse(label));
            }
        } catch (IllegalArgumentException e) {
            // The parser's message quotes the input back; say what a seat id looks like instead.
            metrics.holdInvalid();
            throw ProblemException.badRequest("seatIds holds a value that is not a seat id (seat ids look like A-1-1).");
        } catch (ProblemException e) {
            metrics.holdInvalid();
            throw e;
        }
        ReservationHeld held;
        try {
            HoldSeats command = new HoldSeats(ReservationId.random(), new ScheduleId(scheduleId), user, seats);
            // With an Idempotency-Key, the answer is stored in the hold's own (batch) transaction.
            held = commands.sendAndWait(attempt.carry(command, ReservationService::holdResponse));
            routes.remember(held.reservationId(), held.scheduleId(), held.seats());
        } catch (RuntimeException e) {
            ProblemException problem = BookingProblems.translate(e, seats);
            if (problem == null) {
                throw e;
            }
            metrics.holdRefused(problem.type());
            throw problem;
        }
        metrics.holdAccepted();
        return holdResponse(held);
    }

    private static HoldResponse holdResponse(ReservationHeld held) {
        return new HoldResponse(held.reservationId().value(), "HELD", held.seats().stream().map(SeatPosition::label).toList(),
                held.totalPrice().amount(), held.totalPrice().currency(), held.expiresAt());
    }

    public PaymentOrderResponse openPayment(UserId user, String reservationId, String idempotencyKey) {
        return idempotent.once(user, idempotencyKey, "pay:" + reservationId, null, PaymentOrderResponse.class, attempt ->
                paymentOrderResponse(send(attempt.carry(new CreatePaymentOrder(PaymentOrderId.random(), new ReservationId(reservationId), user),
                        ReservationService::paymentOrderResponse))));
    }

    private static PaymentOrderResponse paymentOrderResponse(PaymentOrderCreatedResult created) {
        return new PaymentOrderResponse(created.paymentOrderId().value(), created.reservationId().value(),
                created.amount().amount(), created.amount().currency(), "READY");
    }

    public void cancel(UserId user, String reservationId) {
        send(new CancelReservation(new ReservationId(reservationId), user));
    }

    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            ProblemException problem = BookingProblems.translate(e, null);
            throw problem == null ? e : problem;
        }
    }
}
