package io.ticketing.projections.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "concert_view")
public class ConcertView {
    @Id
    private String concertId;
    private String title;
    private String venue;
    private Instant createdAt;
    /** The concert aggregate's last applied sequence number: a redelivered event is recognised and ignored. */
    private long lastSequence;

    protected ConcertView() {
    }

    public ConcertView(String concertId, String title, String venue, Instant createdAt, long lastSequence) {
        this.concertId = concertId;
        this.title = title;
        this.venue = venue;
        this.createdAt = createdAt;
        this.lastSequence = lastSequence;
    }

    public String getConcertId() {
        return concertId;
    }

    public String getTitle() {
        return title;
    }

    public String getVenue() {
        return venue;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getLastSequence() {
        return lastSequence;
    }
}
