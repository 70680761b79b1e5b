package io.ticketing.api.catalog;

import io.ticketing.api.common.Money;

/** A block of seats with one grade and one price: {@code rows × seatsPerRow} seats named {@code name-row-number}. */
public record SectionDetails(String name, String grade, Money price, int rows, int seatsPerRow) {
    public int seatCount() {
        return rows * seatsPerRow;
    }
}
