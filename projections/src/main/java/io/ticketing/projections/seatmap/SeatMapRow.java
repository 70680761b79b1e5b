package io.ticketing.projections.seatmap;

/** One seat as the seat map lists it, read without loading (and tracking) a {@link SeatView} entity. */
public record SeatMapRow(String seatLabel, String section, String grade, long price, String currency, SeatStatus status) {
}
