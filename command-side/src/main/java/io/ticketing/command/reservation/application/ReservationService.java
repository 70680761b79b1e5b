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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        List<SeatPosition> seats = seats(seatIds);
        ReservationHeld held;
        try {
            HoldSeats command = new HoldSeats(ReservationId.random(), new ScheduleId(scheduleId), user, seats);
            // With an Idempotency-Key, the answer is stored in the hold's own (batch) transaction.
            held = commands.sendAndWait(attempt.carry(command, ReservationService::holdResponse));
        } catch (RuntimeException e) {
            throw refused(e, seats);
        }
        return held(held);
    }

    /**
     * A hold without an Idempotency-Key, answered by the booking writer's future: no thread waits for the decision.
     * The outcome is the same as {@link #hold}'s: the response, or the command's {@link ProblemException}.
     */
    public CompletableFuture<HoldResponse> holdAsync(UserId user, String scheduleId, List<String> seatIds) {
        List<SeatPosition> seats;
        try {
            seats = seats(seatIds);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        CompletableFuture<ReservationHeld> sent;
        try {
            sent = commands.send(new HoldSeats(ReservationId.random(), new ScheduleId(scheduleId), user, seats));
        } catch (RuntimeException e) {
            // A refusal made while dispatching (EarlyHoldRefusal) is answered like one made by the aggregate.
            return CompletableFuture.failedFuture(refused(e, seats));
        }
        return sent.handle((held, failure) -> {
            if (failure != null) {
                throw refused(cause(failure), seats);
            }
            return held(held);
        });
    }

    /** The requested seat ids as positions, or a 400 saying what a seat id looks like. */
    private List<SeatPosition> seats(List<String> seatIds) {
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
        return seats;
    }

    private HoldResponse held(ReservationHeld held) {
        routes.remember(held.reservationId(), held.scheduleId(), held.seats());
        metrics.holdAccepted();
        return holdResponse(held);
    }

    private RuntimeException refused(RuntimeException e, List<SeatPosition> seats) {
        ProblemException problem = BookingProblems.translate(e, seats);
        if (problem == null) {
            return e;
        }
        metrics.holdRefused(problem.type());
        return problem;
    }

    /** What a command's future failed with: the command's own exception, not the future's wrapper. */
    private static RuntimeException cause(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
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

    /** {@link #cancel}, answered by the booking writer's future. */
    public CompletableFuture<Void> cancelAsync(UserId user, String reservationId) {
        CompletableFuture<Object> sent;
        try {
            sent = commands.send(new CancelReservation(new ReservationId(reservationId), user));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translated(e));
        }
        return sent.handle((done, failure) -> {
            if (failure != null) {
                throw translated(cause(failure));
            }
            return null;
        });
    }

    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    private static RuntimeException translated(RuntimeException e) {
        ProblemException problem = BookingProblems.translate(e, null);
        return problem == null ? e : problem;
    }
}
