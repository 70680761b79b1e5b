package io.ticketing.command.reservation.application;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * The low-water mark of hold expiry, one row in the event-store database ({@code hold_expiry_mark}): every hold
 * that began before this global index has ended. Written every few seconds, never per hold; any instance may
 * advance it (each one's mark is true of the store, so the greatest wins) and none moves it back.
 */
class HoldExpiryMark {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    HoldExpiryMark(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long read() {
        Long position = jdbc.queryForObject("SELECT position FROM hold_expiry_mark WHERE id = 1", Long.class);
        return position == null ? 0 : position;
    }

    void advance(long position) {
        jdbc.update("UPDATE hold_expiry_mark SET position = ?, updated_at = ? WHERE id = 1 AND position < ?",
                position, Timestamp.from(clock.instant()), position);
    }
}
