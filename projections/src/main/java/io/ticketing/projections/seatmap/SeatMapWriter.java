package io.ticketing.projections.seatmap;

import io.ticketing.projections.readmodel.BatchedStatements;
import org.springframework.stereotype.Component;

/**
 * Writes the seat map with no read first: an insert that leaves a row already there alone, and a status
 * change guarded by the seat's last applied sequence number, so a redelivered or replayed event changes
 * nothing. (Not INSERT IGNORE: it would turn a value that does not fit into a silently truncated row
 * instead of an error that parks the event in the dead-letter queue.) Runs in the processor's transaction.
 */
@Component
public class SeatMapWriter {
    private final BatchedStatements batched;

    public SeatMapWriter(BatchedStatements batched) {
        this.batched = batched;
    }

    /** Sent with the processor batch's other new seats as one JDBC batch (concerts arrive as thousands of seats). */
    public void insertIfAbsent(String seatKey, String scheduleId, String label, String section, int row, int number,
                               String grade, long price, String currency, long sequence) {
        batched.add("""
                INSERT INTO seat_view (seat_key, schedule_id, seat_label, section, seat_row, seat_number, grade,
                                              price, currency, status, reservation_id, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'AVAILABLE', NULL, ?)
                ON DUPLICATE KEY UPDATE seat_key = seat_key""",
                seatKey, scheduleId, label, section, row, number, grade, price, currency, sequence);
    }

    /**
     * Sets the seat's status unless this or a later event of the seat was applied already (the guard on the
     * seat's last sequence number), in order with the batch's other writes.
     */
    public void changeStatus(String seatKey, long sequence, SeatStatus status, String reservationId) {
        batched.add("""
                UPDATE seat_view SET status = ?, reservation_id = ?, last_sequence = ?
                WHERE seat_key = ? AND last_sequence < ?""",
                status.name(), reservationId, sequence, seatKey, sequence);
    }
}
