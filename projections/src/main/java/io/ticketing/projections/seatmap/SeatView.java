package io.ticketing.projections.seatmap;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One seat of one schedule as the seat map shows it. */
@Entity
@Table(name = "seat_view")
public class SeatView {
    @Id
    private String seatKey;
    private String scheduleId;
    private String seatLabel;
    private String section;
    private int seatRow;
    private int seatNumber;
    private String grade;
    private long price;
    private String currency;
    @Enumerated(EnumType.STRING)
    private SeatStatus status;
    private String reservationId;
    /** The seat aggregate's last applied sequence number: older or repeated events are ignored. */
    private long lastSequence;

    protected SeatView() {
    }

    public SeatView(String seatKey, String scheduleId, String seatLabel, String section, int seatRow, int seatNumber,
                    String grade, long price, String currency, long lastSequence) {
        this.seatKey = seatKey;
        this.scheduleId = scheduleId;
        this.seatLabel = seatLabel;
        this.section = section;
        this.seatRow = seatRow;
        this.seatNumber = seatNumber;
        this.grade = grade;
        this.price = price;
        this.currency = currency;
        this.status = SeatStatus.AVAILABLE;
        this.lastSequence = lastSequence;
    }

    /** Applies a change unless this event (or a later one) was applied already; returns whether it applied. */
    public boolean change(long sequence, SeatStatus newStatus, String newReservationId) {
        if (sequence <= lastSequence) {
            return false;
        }
        this.status = newStatus;
        this.reservationId = newReservationId;
        this.lastSequence = sequence;
        return true;
    }

    public String getSeatKey() {
        return seatKey;
    }

    public String getScheduleId() {
        return scheduleId;
    }

    public String getSeatLabel() {
        return seatLabel;
    }

    public String getSection() {
        return section;
    }

    public int getSeatRow() {
        return seatRow;
    }

    public int getSeatNumber() {
        return seatNumber;
    }

    public String getGrade() {
        return grade;
    }

    public long getPrice() {
        return price;
    }

    public String getCurrency() {
        return currency;
    }

    public SeatStatus getStatus() {
        return status;
    }

    public String getReservationId() {
        return reservationId;
    }

    public long getLastSequence() {
        return lastSequence;
    }
}
