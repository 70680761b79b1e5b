package io.ticketing.projections.seatmap;

import io.ticketing.api.seat.SeatCreated;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.projections.readmodel.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * The seat map: every seat of every schedule with its status. Each row remembers the last sequence
 * number it applied, so a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.SEAT_MAP)
@ReadModelTables("seat_view")
public class SeatMapProjection {
    private final SeatMapWriter writer;

    public SeatMapProjection(SeatMapWriter writer) {
        this.writer = writer;
    }

    @EventHandler
    void on(SeatCreated event, @SequenceNumber long sequence) {
        var position = event.seatId().position();
        writer.insertIfAbsent(event.seatId().toString(), event.seatId().scheduleId().value(), position.label(),
                position.section(), position.row(), position.number(), event.grade(), event.price().amount(),
                event.price().currency(), sequence);
    }

    @EventHandler
    void on(SeatHeld event, @SequenceNumber long sequence) {
        writer.changeStatus(event.seatId().toString(), sequence, SeatStatus.HELD, event.reservationId().value());
    }

    @EventHandler
    void on(SeatReleased event, @SequenceNumber long sequence) {
        writer.changeStatus(event.seatId().toString(), sequence, SeatStatus.AVAILABLE, null);
    }

    @EventHandler
    void on(SeatSold event, @SequenceNumber long sequence) {
        writer.changeStatus(event.seatId().toString(), sequence, SeatStatus.SOLD, event.reservationId().value());
    }
}
