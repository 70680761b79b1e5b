package io.ticketing.projections.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "schedule_view")
public class ScheduleView {
    @Id
    private String scheduleId;
    private String concertId;
    private Instant startsAt;
    private Instant salesOpenAt;

    protected ScheduleView() {
    }

    public ScheduleView(String scheduleId, String concertId, Instant startsAt, Instant salesOpenAt) {
        this.scheduleId = scheduleId;
        this.concertId = concertId;
        this.startsAt = startsAt;
        this.salesOpenAt = salesOpenAt;
    }

    public String getScheduleId() {
        return scheduleId;
    }

    public String getConcertId() {
        return concertId;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getSalesOpenAt() {
        return salesOpenAt;
    }
}
