package io.ticketing.command.reservation.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.ticketing.command.reservation.domain.Booking;
import io.ticketing.command.reservation.domain.PaymentOrderCreatedResult;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/** Holds, payment orders and cancellations for the authenticated user, through the command gateway. */
@Service
public class ReservationService {
    private final CommandGateway commands;
    private final Booking booking;
    private final IdempotentRequests idempotent;
    private final BookingRoutes routes;
    private final Counter accepted;
    private final Counter seatUnavailable;
    private final Counter holdLimit;
    private final Counter invalid;
    private final Counter guardRefusals;

    public ReservationService(CommandGateway commands, Booking booking, IdempotentRequests idempotent,
                              BookingRoutes routes, MeterRegistry meters) {
        this.commands = commands;
        this.booking = booking;
        this.idempotent = idempotent;
        this.routes = routes;
        this.accepted = holds(meters, "accepted");
        this.seatUnavailable = holds(meters, "seat-unavailable");
        this.holdLimit = holds(meters, "hold-limit");
        this.invalid = holds(meters, "invalid");
        this.guardRefusals = Counter.builder("ticketing.oversell.guard.refusals")
                .description("Holds refused by a Seat aggregate because a seat was not free").register(meters);
    }

    private static Counter holds(MeterRegistry meters, String outcome) {
        return Counter.builder("ticketing.holds").tag("outcome", outcome).description("Hold requests by outcome").register(meters);
    }

    public HoldView hold(UserId user, String scheduleId, List<String> seatIds, String idempotencyKey) {
        return idempotent.once(user, idempotencyKey, "hold:" + scheduleId, seatIds, HoldView.class,
                attempt -> doHold(user, scheduleId, seatIds, attempt));
    }

    private HoldView doHold(UserId user, String scheduleId, List<String> seatIds, IdempotentRequests.Attempt<HoldView> attempt) {
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
            invalid.increment();
            throw ProblemException.badRequest("seatIds holds a value that is not a seat id (seat ids look like A-1-1).");
        } catch (ProblemException e) {
            invalid.increment();
            throw e;
        }
        ReservationHeld held;
        try {
            HoldSeats command = new HoldSeats(ReservationId.random(), new ScheduleId(scheduleId), user, seats);
            // The only early refusal of a hold (the handler does not repeat it): a hopeless hold is never queued.
            booking.refuseEarly(command);
            // With an Idempotency-Key, the answer is stored in the hold's own (batch) transaction.
            held = commands.sendAndWait(attempt.carry(command, ReservationService::holdView));
            routes.remember(held.reservationId(), held.scheduleId(), held.seats());
        } catch (RuntimeException e) {
            ProblemException problem = BookingProblems.translate(e, seats);
            if (problem == null) {
                throw e;
            }
            switch (problem.type()) {
                case BookingProblems.SEAT_UNAVAILABLE -> {
                    seatUnavailable.increment();
                    guardRefusals.increment();
                }
                case BookingProblems.HOLD_LIMIT -> holdLimit.increment();
                default -> invalid.increment();
            }
            throw problem;
        }
        accepted.increment();
        return holdView(held);
    }

    private static HoldView holdView(ReservationHeld held) {
        return new HoldView(held.reservationId().value(), "HELD", held.seats().stream().map(SeatPosition::label).toList(),
                held.totalPrice().amount(), held.totalPrice().currency(), held.expiresAt());
    }

    public PaymentOrderView openPayment(UserId user, String reservationId, String idempotencyKey) {
        return idempotent.once(user, idempotencyKey, "pay:" + reservationId, null, PaymentOrderView.class, attempt ->
                paymentOrderView(send(attempt.carry(new CreatePaymentOrder(PaymentOrderId.random(), new ReservationId(reservationId), user),
                        ReservationService::paymentOrderView))));
    }

    private static PaymentOrderView paymentOrderView(PaymentOrderCreatedResult created) {
        return new PaymentOrderView(created.paymentOrderId().value(), created.reservationId().value(),
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
