package io.ticketing.command.catalog.domain;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.command.seat.domain.Seat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;

/**
 * Creates a concert together with every seat of every schedule in one unit of work, so one database
 * transaction appends them all: a concert is never visible with half its seats.
 */
@Component
public class ConcertCreation {
    private final Repository<Concert> concerts;
    private final Repository<Seat> seats;

    public ConcertCreation(Repository<Concert> concerts, Repository<Seat> seats) {
        this.concerts = concerts;
        this.seats = seats;
    }

    @CommandHandler
    public void handle(CreateConcert command) throws Exception {
        Set<String> sectionNames = new HashSet<>();
        for (SectionDetails section : command.sections()) {
            if (!sectionNames.add(section.name())) {
                throw new IllegalArgumentException("section " + section.name() + " is named twice");
            }
        }
        concerts.newInstance(() -> new Concert(command));
        for (ScheduleDetails schedule : command.schedules()) {
            for (SectionDetails section : command.sections()) {
                for (int row = 1; row <= section.rows(); row++) {
                    for (int number = 1; number <= section.seatsPerRow(); number++) {
                        SeatId seatId = new SeatId(schedule.scheduleId(), new SeatPosition(section.name(), row, number));
                        seats.newInstance(() -> new Seat(seatId, command.concertId(), section.grade(), section.price()));
                    }
                }
            }
        }
    }
}
