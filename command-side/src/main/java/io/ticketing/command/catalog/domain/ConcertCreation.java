package io.ticketing.command.catalog.domain;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.api.catalog.RegisterConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.command.config.CreationBypassingCache;
import io.ticketing.command.seat.domain.Seat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates a concert together with every seat of every schedule in one unit of work, so one database
 * transaction appends them all: a concert is never visible with half its seats. A concert too large for one
 * transaction is made of {@link CreateSeats} batches followed by one {@link RegisterConcert}: its seats exist
 * before it does, but nothing shows or sells them until the concert's own event.
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
        refuseDuplicateSections(command.sections());
        concerts.newInstance(() -> new Concert(command));
        for (ScheduleDetails schedule : command.schedules()) {
            for (SectionDetails section : command.sections()) {
                createRows(command.concertId(), schedule.scheduleId(), section, 1, section.rows());
            }
        }
    }

    /**
     * One batch of a large concert (CatalogService's creation job): its unit of work, and so the heap and the
     * transaction, hold only this batch's seats, never the whole concert's.
     */
    @CommandHandler
    public void handle(CreateSeats command) throws Exception {
        if (command.fromRow() < 1 || command.toRow() > command.section().rows() || command.fromRow() > command.toRow()) {
            throw new IllegalArgumentException("rows " + command.fromRow() + ".." + command.toRow() + " outside the section");
        }
        createRows(command.concertId(), command.scheduleId(), command.section(), command.fromRow(), command.toRow());
    }

    /** The last step of a large concert: only now do its schedules reach the catalog and the waiting room. */
    @CommandHandler
    public void handle(RegisterConcert command) throws Exception {
        refuseDuplicateSections(command.sections());
        concerts.newInstance(() -> new Concert(command));
    }

    private static void refuseDuplicateSections(List<SectionDetails> sections) {
        Set<String> sectionNames = new HashSet<>();
        for (SectionDetails section : sections) {
            if (!sectionNames.add(section.name())) {
                throw new IllegalArgumentException("section " + section.name() + " is named twice");
            }
        }
    }

    private void createRows(ConcertId concertId, ScheduleId scheduleId, SectionDetails section, int fromRow, int toRow)
            throws Exception {
        // New seats are cached by the first command that uses them, not here (CreationBypassingCache).
        CreationBypassingCache.skipCaching();
        for (int row = fromRow; row <= toRow; row++) {
            for (int number = 1; number <= section.seatsPerRow(); number++) {
                SeatId seatId = new SeatId(scheduleId, new SeatPosition(section.name(), row, number));
                seats.newInstance(() -> new Seat(seatId, concertId, section.grade(), section.price()));
            }
        }
    }
}
