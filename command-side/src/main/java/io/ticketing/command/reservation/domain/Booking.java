package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.payment.RefundReason;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.HoldSeat;
import io.ticketing.api.seat.ReleaseSeat;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SellSeat;
import io.ticketing.command.payment.domain.PaymentNotCompleted;
import io.ticketing.command.payment.domain.PaymentOrder;
import io.ticketing.command.seat.domain.Seat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The booking rules that span aggregates, each in one unit of work (one database transaction): a hold loads
 * the user's {@link HoldQuota} and every requested {@link Seat} and appends all their events together; a
 * concurrent append to any of them hits the event table's (aggregate id, sequence) key and rolls the whole
 * order back. Aggregates are always locked in one order — reservation, its payment order, quota, seats by id
 * (a new reservation is created last: nobody else can be waiting for it) — so two units of work never wait on
 * each other in a cycle.
 */
public class Booking {
    private static final Comparator<SeatId> SEAT_ORDER = Comparator.comparing(SeatId::toString);

    private final Repository<Seat> seats;
    private final Repository<Reservation> reservations;
    private final Repository<HoldQuota> quotas;
    private final Repository<PaymentOrder> payments;
    private final HoldPolicy policy;
    private final ShowTimes shows;
    private final Clock clock;
    private final SeatHoldHints hints;
    private volatile Consumer<ReservationId> endedHere = id -> {
    };
    private volatile Consumer<ReservationId> endingRolledBack = id -> {
    };

    public Booking(Repository<Seat> seats, Repository<Reservation> reservations, Repository<HoldQuota> quotas,
                   Repository<PaymentOrder> payments, HoldPolicy policy, ShowTimes shows, Clock clock,
                   SeatHoldHints hints) {
        this.seats = seats;
        this.reservations = reservations;
        this.quotas = quotas;
        this.payments = payments;
        this.policy = policy;
        this.shows = shows;
        this.clock = clock;
        this.hints = hints;
    }

    /** All or nothing: either every seat is held for the new reservation, or the command fails and nothing is appended. */
    @CommandHandler
    public ReservationHeld handle(HoldSeats command) throws Exception {
        List<SeatPosition> requested = command.seats();
        if (requested == null || requested.isEmpty()) {
            throw new InvalidOrder("An order holds at least one seat.");
        }
        if (requested.size() > policy.maxSeatsPerOrder()) {
            throw new InvalidOrder("An order holds at most " + policy.maxSeatsPerOrder() + " seats.");
        }
        if (new HashSet<>(requested).size() != requested.size()) {
            throw new InvalidOrder("A seat is named more than once.");
        }
        ReservationId reservationId = command.reservationId();
        // Every check comes before the first event: a refusal leaves every aggregate it loaded as it was, so the
        // command bus need not roll back (which would evict them all from the caches). The early refusal from
        // hints ran on the command bus before the command was queued (SeatHoldHints.refuseIfHopeless), once.
        HoldQuotaId quotaId = new HoldQuotaId(command.scheduleId(), command.userId());
        Aggregate<HoldQuota> quota = existingQuota(quotaId);
        if (quota != null) {
            quota.execute(q -> q.requireRoomFor(reservationId, policy.maxActiveHoldsPerUser()));
        } else if (policy.maxActiveHoldsPerUser() < 1) {
            throw new HoldLimitReached(policy.maxActiveHoldsPerUser());
        }

        List<SeatId> seatIds = requested.stream().map(p -> new SeatId(command.scheduleId(), p)).sorted(SEAT_ORDER).toList();
        List<Aggregate<Seat>> loaded = new ArrayList<>(seatIds.size());
        List<SeatPosition> unknown = new ArrayList<>();
        for (SeatId seatId : seatIds) {
            try {
                loaded.add(seats.load(seatId.toString()));
            } catch (AggregateNotFoundException e) {
                unknown.add(seatId.position());
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownSeats(unknown);
        }
        List<SeatPosition> unavailable = new ArrayList<>();
        Money total = null;
        for (Aggregate<Seat> seat : loaded) {
            Seat root = seat.invoke(s -> s);
            if (!root.canBeHeldBy(reservationId)) {
                unavailable.add(root.seatId().position());
            }
            total = total == null ? root.price() : total.plus(root.price());
        }
        if (!unavailable.isEmpty()) {
            throw new SeatsUnavailable(unavailable);
        }
        if (quota != null) {
            quota.execute(q -> q.use(quotaId, reservationId, policy.maxActiveHoldsPerUser()));
        } else {
            quotas.newInstance(() -> new HoldQuota(quotaId, reservationId));
        }
        Instant expiresAt = clock.instant().plus(policy.holdTtl()).truncatedTo(ChronoUnit.MILLIS);
        for (Aggregate<Seat> seat : loaded) {
            seat.execute(s -> s.hold(new HoldSeat(s.seatId(), reservationId, expiresAt)));
        }
        CurrentUnitOfWork.get().afterCommit(u -> seatIds.forEach(id -> hints.held(id, reservationId, expiresAt)));
        ReservationHeld held = new ReservationHeld(reservationId, command.scheduleId(), command.userId(),
                List.copyOf(requested), total, expiresAt);
        reservations.newInstance(() -> new Reservation(held));
        return held;
    }

    /** The user's quota on the schedule, or null before their first hold there (created only once the hold is decided). */
    private Aggregate<HoldQuota> existingQuota(HoldQuotaId quotaId) {
        try {
            return quotas.load(quotaId.toString());
        } catch (AggregateNotFoundException e) {
            return null;
        }
    }

    @CommandHandler
    public PaymentOrderCreatedResult handle(CreatePaymentOrder command) {
        Reservation reservation = load(command.reservationId()).invoke(r -> r);
        reservation.requireOwner(command.userId());
        Money amount = reservation.requirePayable(clock.instant());
        try {
            payments.newInstance(() -> new PaymentOrder(command.paymentOrderId(), reservation.reservationId(),
                    command.userId(), amount));
        } catch (Exception e) {
            throw new IllegalStateException("could not open payment order " + command.paymentOrderId(), e);
        }
        return new PaymentOrderCreatedResult(command.paymentOrderId(), reservation.reservationId(), amount);
    }

    /**
     * Sent by the reservation process for every completed payment (at least once). The payment order it names is
     * checked before anything changes: only a payment that completed for this reservation, for its amount, confirms
     * it (or is refunded); a forged or mismatched confirmation is refused with {@link PaymentNotCompleted}.
     */
    @CommandHandler
    public Reservation.PaymentOutcome handle(ConfirmReservation command) {
        Aggregate<Reservation> aggregate = load(command.reservationId());
        Aggregate<PaymentOrder> order = paymentOrder(command);
        order.execute(p -> p.requireCompletedFor(command.reservationId(), command.amount()));
        Reservation.PaymentOutcome outcome = aggregate.invoke(r -> r.paymentCompleted(command.paymentOrderId()));
        Reservation reservation = aggregate.invoke(r -> r);
        switch (outcome) {
            case CONFIRMED -> {
                freeQuota(reservation);
                for (SeatId seatId : sorted(reservation.seatIds())) {
                    seats.load(seatId.toString()).execute(s -> s.sell(new SellSeat(seatId, reservation.reservationId())));
                }
                forgetHints(reservation);
            }
            case REFUND -> order.execute(p -> p.refund(RefundReason.PAID_AFTER_HOLD_ENDED));
            case ALREADY_CONFIRMED -> {
                // a redelivered PaymentCompleted: already applied
            }
        }
        return outcome;
    }

    private Aggregate<PaymentOrder> paymentOrder(ConfirmReservation command) {
        try {
            return payments.load(command.paymentOrderId().value());
        } catch (AggregateNotFoundException e) {
            throw new PaymentNotCompleted(command.paymentOrderId(), command.reservationId());
        }
    }

    @CommandHandler
    public Reservation.CancelOutcome handle(CancelReservation command) {
        Aggregate<Reservation> aggregate = load(command.reservationId());
        aggregate.execute(r -> r.requireOwner(command.userId()));
        Reservation.CancelOutcome outcome = aggregate.invoke(r -> r.cancel(clock.instant(), shows));
        Reservation reservation = aggregate.invoke(r -> r);
        if (outcome == Reservation.CancelOutcome.HOLD_RELEASED) {
            holdEnded(reservation, SeatReleaseReason.HOLD_CANCELLED);
        } else {
            PaymentOrderId paidWith = reservation.paidWith();
            Aggregate<PaymentOrder> order = payments.load(paidWith.value()); // locked before the seats (class comment)
            releaseSeats(reservation, SeatReleaseReason.SALE_REFUNDED);
            order.execute(p -> p.refund(RefundReason.RESERVATION_CANCELLED));
        }
        return outcome;
    }

    /**
     * Sent by the expiry wheel when {@code expiresAt} has come, possibly by several instances or late: the
     * reservation decides whether it expires (and then its seats and quota end here, in the same unit of work).
     */
    @CommandHandler
    public Reservation.ExpiryOutcome handle(ExpireHold command) {
        return load(command.reservationId()).invoke(r -> r.expire(clock.instant(), this::holdEnded));
    }

    /** A hold ends without a sale (cancelled, or expired: {@link HoldEndings}): its quota and seats end with it. */
    private void holdEnded(Reservation reservation, SeatReleaseReason reason) {
        freeQuota(reservation);
        releaseSeats(reservation, reason);
    }

    private void freeQuota(Reservation reservation) {
        HoldQuotaId quotaId = new HoldQuotaId(reservation.scheduleId(), reservation.userId());
        try {
            Aggregate<HoldQuota> quota = quotas.load(quotaId.toString());
            // A held reservation is always counted by its quota; a quota that does not count it was cached before
            // another instance's hold: fail rather than free nothing (see releaseSeats).
            if (!quota.invoke(q -> q.counts(reservation.reservationId()))) {
                throw new ConcurrencyException("Hold quota " + quotaId + " changed elsewhere since it was cached");
            }
            quota.execute(q -> q.free(reservation.reservationId()));
        } catch (AggregateNotFoundException e) {
            // a reservation always has its quota; nothing to free if it does not
        }
    }

    private void releaseSeats(Reservation reservation, SeatReleaseReason reason) {
        for (SeatId seatId : sorted(reservation.seatIds())) {
            Aggregate<Seat> seat = seats.load(seatId.toString());
            // A held or sold reservation's seats are always its own; a seat that says otherwise is a state cached
            // before another instance changed it. Releasing nothing would strand the seat: fail instead, so the
            // unit of work rolls back (evicting it) and the command is decided again on what the store holds.
            if (!seat.invoke(s -> s.belongsTo(reservation.reservationId()))) {
                throw new ConcurrencyException("Seat " + seatId + " changed elsewhere since it was cached");
            }
            seat.execute(s -> s.release(new ReleaseSeat(seatId, reservation.reservationId(), reason)));
        }
        forgetHints(reservation);
    }

    private void forgetHints(Reservation reservation) {
        List<SeatId> ids = reservation.seatIds();
        ReservationId id = reservation.reservationId();
        // Told before the commit, not after: the hold-expiry tracker may read the committed ending before any
        // after-commit callback has run, and would then take this instance's own ending for another's and evict
        // the reservation, its quota and its seats (each re-read with its whole history on the next hold).
        endedHere.accept(id);
        CurrentUnitOfWork.get().onRollback(u -> endingRolledBack.accept(id));
        CurrentUnitOfWork.get().afterCommit(u -> ids.forEach(seat -> hints.ended(seat, id)));
    }

    /**
     * Told of every reservation whose hold or sale this instance is ending, as it is decided (before the commit),
     * and again if that ending is rolled back after all.
     */
    public void onEndedHere(Consumer<ReservationId> decided, Consumer<ReservationId> rolledBack) {
        this.endedHere = decided;
        this.endingRolledBack = rolledBack;
    }

    private Aggregate<Reservation> load(ReservationId reservationId) {
        try {
            return reservations.load(reservationId.value());
        } catch (AggregateNotFoundException e) {
            throw new ReservationNotFound(reservationId);
        }
    }

    private static List<SeatId> sorted(List<SeatId> ids) {
        return ids.stream().sorted(SEAT_ORDER).toList();
    }
}
