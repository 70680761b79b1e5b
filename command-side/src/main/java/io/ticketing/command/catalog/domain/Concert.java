package io.ticketing.command.catalog.domain;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.RegisterConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.common.ConcertId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A concert and its schedules. Its seats are separate aggregates, created with it (see {@link ConcertCreation}). */
@Aggregate(filterEventsByType = true)
public class Concert {
    @AggregateIdentifier
    private ConcertId concertId;
    private List<ScheduleDetails> schedules;

    protected Concert() {
        // for Axon
    }

    Concert(CreateConcert command) {
        apply(new ConcertCreated(command.concertId(), command.title(), command.venue(), command.schedules(),
                command.sections()));
    }

    /** A large concert, recorded after its seats (see {@link ConcertCreation#handle(RegisterConcert)}). */
    Concert(RegisterConcert command) {
        apply(new ConcertCreated(command.concertId(), command.title(), command.venue(), command.schedules(),
                command.sections()));
    }

    public List<ScheduleDetails> schedules() {
        return schedules;
    }

    @EventSourcingHandler
    void on(ConcertCreated event) {
        this.concertId = event.concertId();
        this.schedules = List.copyOf(event.schedules());
    }
}
