package io.ticketing.command.admission.application;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each schedule's sales open, for the waiting room. Kept in a table of the write side's database
 * (filled from ConcertCreated, so it survives a Redis restart) and cached in memory: the enter path reads
 * the database at most once per schedule and instance.
 */
@Component
public class ScheduleDirectory {
    private final JdbcTemplate jdbc;
    private final Map<String, Schedule> cache = new ConcurrentHashMap<>();

    public ScheduleDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Schedule(String scheduleId, Instant salesOpenAt, Instant startsAt) {
    }

    public Optional<Schedule> find(String scheduleId) {
        Schedule cached = cache.get(scheduleId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Schedule> found = jdbc.query(
                "SELECT schedule_id, sales_open_at, starts_at FROM schedule_directory WHERE schedule_id = ?",
                (rs, i) -> new Schedule(rs.getString(1), utc(rs.getObject(2, LocalDateTime.class)),
                        utc(rs.getObject(3, LocalDateTime.class))), scheduleId);
        found.forEach(s -> cache.put(s.scheduleId(), s));
        return found.stream().findFirst();
    }

    /** Schedules whose waiting room may have people in it now: from the pre-queue's opening to the show. */
    public List<Schedule> openAround(Instant now, java.time.Duration preQueueWindow) {
        List<Schedule> open = jdbc.query("""
                        SELECT schedule_id, sales_open_at, starts_at FROM schedule_directory
                        WHERE sales_open_at <= ? AND starts_at >= ?""",
                (rs, i) -> new Schedule(rs.getString(1), utc(rs.getObject(2, LocalDateTime.class)),
                        utc(rs.getObject(3, LocalDateTime.class))),
                local(now.plus(preQueueWindow)), local(now));
        open.forEach(s -> cache.put(s.scheduleId(), s));
        return open;
    }

    public void record(String scheduleId, String concertId, Instant salesOpenAt, Instant startsAt) {
        jdbc.update("""
                INSERT INTO schedule_directory (schedule_id, concert_id, sales_open_at, starts_at) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE schedule_id = schedule_id""",
                scheduleId, concertId, local(salesOpenAt), local(startsAt));
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }
}
