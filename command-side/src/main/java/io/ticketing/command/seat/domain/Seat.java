package io.ticketing.command.seat.domain;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One seat of one schedule. Each seat is its own aggregate, so holds on different seats never contend;
 * the decision that a seat is free is taken here and nowhere else.
 */
@Aggregate(cache = "seatCache")
public class Seat {
    @AggregateIdentifier
    private SeatId seatId;
    private Money price;

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

    @EventSourcingHandler
    void on(SeatCreated event) {
        this.seatId = event.seatId();
        this.price = event.price();
    }
}
