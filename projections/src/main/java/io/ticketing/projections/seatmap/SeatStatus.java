package io.ticketing.projections.seatmap;

public enum SeatStatus {
    AVAILABLE, HELD, SOLD
}
