package io.ticketing.projections.seatmap;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.projections.support.ProjectionDriver;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.ticketing.projections.support.ProjectionDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The seat map follows each seat's own events, whatever is redelivered or arrives late. */
class SeatMapProjectionTest {
    private static final SeatId SEAT = SeatId.of(new ScheduleId("evening"), "A-1-7");
    private static final ReservationId ALICES = new ReservationId("r-alice");
    private static final ReservationId BOBS = new ReservationId("r-bob");

    private final ProjectionDriver seatMap = ProjectionDriver.of(w -> new SeatMapProjection(new SeatMapWriter(w.batched())));

    @Test
    void aCreatedSeatIsListedAvailableWithItsPlaceAndPrice() {
        seatMap.deliver(created());

        assertThat(seatMap.jdbc().queryForMap("""
                SELECT schedule_id, seat_label, section, seat_row, seat_number, grade, price, currency, status, reservation_id
                FROM seat_view WHERE seat_key = ?""", SEAT.toString()))
                .containsEntry("schedule_id", "evening").containsEntry("seat_label", "A-1-7")
                .containsEntry("section", "A").containsEntry("seat_row", 1).containsEntry("seat_number", 7)
                .containsEntry("grade", "R").containsEntry("price", 50_000L).containsEntry("currency", "KRW")
                .containsEntry("status", "AVAILABLE").containsEntry("reservation_id", null);
    }

    @Test
    void aSeatIsHeldThenSoldToItsReservation() {
        seatMap.deliver(created(), held(1, ALICES), sold(2, ALICES));

        assertThat(seat()).containsEntry("status", "SOLD").containsEntry("reservation_id", ALICES.value())
                .containsEntry("last_sequence", 2L);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        seatMap.deliver(created(), held(1, ALICES), released(2, ALICES));
        seatMap.deliver(held(1, ALICES));

        assertThat(seat()).containsEntry("status", "AVAILABLE").containsEntry("reservation_id", null)
                .containsEntry("last_sequence", 2L);
    }

    @Test
    void aRedeliveredCreationLeavesTheSeatsStateAlone() {
        seatMap.deliver(created(), held(1, ALICES));
        seatMap.deliver(created());

        assertThat(seat()).containsEntry("status", "HELD").containsEntry("last_sequence", 1L);
        assertThat(seatMap.jdbc().queryForObject("SELECT COUNT(*) FROM seat_view", Long.class)).isEqualTo(1);
    }

    @Test
    void anOlderEventArrivingAfterANewerOneIsIgnored() {
        seatMap.deliver(created(), held(1, ALICES), released(2, ALICES), held(3, BOBS), released(2, ALICES));

        assertThat(seat()).containsEntry("status", "HELD").containsEntry("reservation_id", BOBS.value())
                .containsEntry("last_sequence", 3L);
    }

    @Test
    void oneBatchAppliesItsEventsInOrderAndGuardsEachOne() {
        seatMap.batch(created(), held(1, ALICES), released(2, ALICES), held(1, ALICES), held(3, BOBS), sold(4, BOBS));

        assertThat(seat()).containsEntry("status", "SOLD").containsEntry("reservation_id", BOBS.value())
                .containsEntry("last_sequence", 4L);
    }

    private Map<String, Object> seat() {
        return seatMap.jdbc().queryForMap("SELECT status, reservation_id, last_sequence FROM seat_view WHERE seat_key = ?",
                SEAT.toString());
    }

    private static EventMessage<?> created() {
        return event(SEAT.toString(), 0, new SeatCreated(SEAT, new ConcertId("c-1"), "R", new Money(50_000, "KRW")));
    }

    private static EventMessage<?> held(long sequence, ReservationId reservation) {
        return event(SEAT.toString(), sequence, new SeatHeld(SEAT, reservation, Instant.parse("2026-12-01T10:05:00Z")));
    }

    private static EventMessage<?> released(long sequence, ReservationId reservation) {
        return event(SEAT.toString(), sequence, new SeatReleased(SEAT, reservation, SeatReleaseReason.HOLD_EXPIRED));
    }

    private static EventMessage<?> sold(long sequence, ReservationId reservation) {
        return event(SEAT.toString(), sequence, new SeatSold(SEAT, reservation));
    }
}
