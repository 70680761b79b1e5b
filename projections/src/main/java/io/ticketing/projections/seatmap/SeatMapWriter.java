package io.ticketing.projections.seatmap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the seat map with one statement per event and no read first: an insert that ignores a row
 * already there, and a status change guarded by the seat's last applied sequence number, so a
 * redelivered or replayed event changes nothing. (Not INSERT IGNORE: it would turn a value that does not fit
 * into a silently truncated row instead of an error that parks the event in the dead-letter queue.) Runs in the processor's transaction (JPA's connection).
 */
@Component
public class SeatMapWriter {
    private final JdbcTemplate jdbc;

    public SeatMapWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertIfAbsent(String seatKey, String scheduleId, String label, String section, int row, int number,
                               String grade, long price, String currency, long sequence) {
        jdbc.update("""
                INSERT INTO seat_view (seat_key, schedule_id, seat_label, section, seat_row, seat_number, grade,
                                              price, currency, status, reservation_id, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'AVAILABLE', NULL, ?)
                ON DUPLICATE KEY UPDATE seat_key = seat_key""",
                seatKey, scheduleId, label, section, row, number, grade, price, currency, sequence);
    }

    /** Returns whether the change applied (false: this or a later event of the seat was applied already). */
    public boolean changeStatus(String seatKey, long sequence, SeatStatus status, String reservationId) {
        return jdbc.update("""
                UPDATE seat_view SET status = ?, reservation_id = ?, last_sequence = ?
                WHERE seat_key = ? AND last_sequence < ?""",
                status.name(), reservationId, sequence, seatKey, sequence) == 1;
    }
}
