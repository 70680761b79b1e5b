package io.ticketing.api.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void seatLabelsParseAndPrintBack() {
        SeatPosition position = SeatPosition.parse("VIP2-10-7");
        assertThat(position).isEqualTo(new SeatPosition("VIP2", 10, 7));
        assertThat(position.label()).isEqualTo("VIP2-10-7");
    }

    @Test
    void malformedSeatLabelsAreRefused() {
        for (String bad : new String[]{"", "A", "A-1", "A-0-1", "A-1-0", "A--1-1", "A-1-1-1", "Ä-1-1", "A-01-1 ", null}) {
            assertThatThrownBy(() -> SeatPosition.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void seatIdIsTheScheduleAndTheLabel() {
        SeatId seat = SeatId.of(new ScheduleId("s1"), "A-1-2");
        assertThat(seat.toString()).isEqualTo("s1/A-1-2");
        assertThat(seat.label()).isEqualTo("A-1-2");
    }

    @Test
    void moneyAddsOnlyTheSameCurrencyAndIsNeverNegative() {
        assertThat(new Money(1000, "KRW").plus(new Money(500, "KRW"))).isEqualTo(new Money(1500, "KRW"));
        assertThatThrownBy(() -> new Money(1, "KRW").plus(new Money(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(-1, "KRW")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1, "krw")).isInstanceOf(IllegalArgumentException.class);
    }
}
