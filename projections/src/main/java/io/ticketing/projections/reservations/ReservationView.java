package io.ticketing.projections.reservations;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One reservation as its owner sees it (written by {@link ReservationsProjection}, read-only here). */
@Entity
@Table(name = "reservation_view")
public class ReservationView {
    @Id
    private String reservationId;
    private String scheduleId;
    private String userId;
    @Enumerated(EnumType.STRING)
    private ReservationStatus status;
    /** Seat labels in the order they were requested, comma-separated. */
    private String seatIds;
    private long totalPrice;
    private String currency;
    private Instant expiresAt;
    private Instant createdAt;
    private long lastSequence;

    protected ReservationView() {
    }

    public String getReservationId() {
        return reservationId;
    }

    public String getScheduleId() {
        return scheduleId;
    }

    public String getUserId() {
        return userId;
    }

    public ReservationStatus getStatus() {
        return status;
    }

    public List<String> getSeatIds() {
        return seatIds == null || seatIds.isEmpty() ? List.of() : Arrays.asList(seatIds.split(","));
    }

    public long getTotalPrice() {
        return totalPrice;
    }

    public String getCurrency() {
        return currency;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getLastSequence() {
        return lastSequence;
    }
}
