package io.ticketing.command.seat.domain;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.HoldSeat;
import io.ticketing.api.seat.ReleaseSeat;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.api.seat.SellSeat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One seat of one schedule. Each seat is its own aggregate, so holds on different seats never contend;
 * the decision that a seat is free is taken here and nowhere else.
 *
 * <p>{@code AVAILABLE → HELD(reservation, until) → SOLD}; {@code HELD → AVAILABLE} on release or expiry;
 * {@code SOLD → AVAILABLE} only when the sale is refunded. Commands are idempotent per reservation.
 * The reservation's unit of work calls these handlers directly on every seat of an order, so one
 * transaction appends all of them (all or nothing).
 */
@Aggregate(cache = "seatCache", filterEventsByType = true)
public class Seat {
    public enum Status { AVAILABLE, HELD, SOLD }

    @AggregateIdentifier
    private SeatId seatId;
    private Money price;
    private Status status;
    private ReservationId reservationId;
    private Instant heldUntil;

    protected Seat() {
        // for Axon
    }

    public Seat(SeatId seatId, ConcertId concertId, String grade, Money price) {
        apply(new SeatCreated(seatId, concertId, grade, price));
    }

    public SeatId seatId() {
        return seatId;
    }

    public Money price() {
        return price;
    }

    public Status status() {
        return status;
    }

    /** Whether the seat is held or sold for this reservation. */
    public boolean belongsTo(ReservationId reservation) {
        return status != Status.AVAILABLE && reservation.equals(reservationId);
    }

    /** Whether {@link #hold} would succeed: the seat is free, or already held for this very reservation. */
    public boolean canBeHeldBy(ReservationId reservation) {
        return status == Status.AVAILABLE || (status == Status.HELD && reservation.equals(reservationId));
    }

    @CommandHandler
    public void hold(HoldSeat command) {
        if (status == Status.HELD && command.reservationId().equals(reservationId)) {
            return;
        }
        if (status != Status.AVAILABLE) {
            throw new SeatNotAvailable(seatId);
        }
        apply(new SeatHeld(seatId, command.reservationId(), command.heldUntil()));
    }

    @CommandHandler
    public void sell(SellSeat command) {
        if (status == Status.SOLD && command.reservationId().equals(reservationId)) {
            return;
        }
        if (status != Status.HELD || !command.reservationId().equals(reservationId)) {
            throw new SeatNotAvailable(seatId);
        }
        apply(new SeatSold(seatId, command.reservationId()));
    }

    /** Only the reservation that holds or bought the seat can release it; anyone else's release changes nothing. */
    @CommandHandler
    public void release(ReleaseSeat command) {
        if (status == Status.AVAILABLE || !command.reservationId().equals(reservationId)) {
            return;
        }
        apply(new SeatReleased(seatId, command.reservationId(), command.reason()));
    }

    @EventSourcingHandler
    void on(SeatCreated event) {
        this.seatId = event.seatId();
        this.price = event.price();
        this.status = Status.AVAILABLE;
    }

    @EventSourcingHandler
    void on(SeatHeld event) {
        this.status = Status.HELD;
        this.reservationId = event.reservationId();
        this.heldUntil = event.heldUntil();
    }

    @EventSourcingHandler
    void on(SeatSold event) {
        this.status = Status.SOLD;
    }

    @EventSourcingHandler
    void on(SeatReleased event) {
        this.status = Status.AVAILABLE;
        this.reservationId = null;
        this.heldUntil = null;
    }
}
