package io.ticketing.projections.seatmap;

import io.ticketing.api.seat.SeatCreated;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.projections.readmodel.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
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
    private final SeatViewRepository seats;
    private final SeatMapWriter writer;

    public SeatMapProjection(SeatViewRepository seats, SeatMapWriter writer) {
        this.seats = seats;
        this.writer = writer;
    }

    @EventHandler
    void on(SeatCreated event, @SequenceNumber long sequence) {
        var position = event.seatId().position();
        writer.insertIfAbsent(event.seatId().toString(), event.seatId().scheduleId().value(), position.label(),
                position.section(), position.row(), position.number(), event.grade(), event.price().amount(),
                event.price().currency(), sequence);
    }

    @ResetHandler
    void reset() {
        seats.deleteAllInBatch();
    }
}
