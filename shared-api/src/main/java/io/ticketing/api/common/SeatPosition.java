package io.ticketing.api.common;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a seat is: section, row and number, 1-based. Its label {@code A-1-1} is the seat id
 * clients use; it is unique within a schedule.
 */
public record SeatPosition(String section, int row, int number) {
    private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9]+)-([1-9][0-9]{0,4})-([1-9][0-9]{0,4})");

    public SeatPosition {
        Objects.requireNonNull(section, "section");
        if (!section.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("section must be letters and digits: " + section);
        }
        if (row < 1 || number < 1) {
            throw new IllegalArgumentException("row and number are 1-based");
        }
    }

    /** Parses {@code A-1-1}; throws {@link IllegalArgumentException} for anything else. */
    public static SeatPosition parse(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a seat id: " + label);
        }
        return new SeatPosition(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public String label() {
        return section + "-" + row + "-" + number;
    }

    @Override
    public String toString() {
        return label();
    }
}
