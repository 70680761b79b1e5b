package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure logic of the in-memory expiry queue and its low-water mark. */
class PendingExpiriesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final ReservationId A = new ReservationId("a");
    private static final ReservationId B = new ReservationId("b");
    private static final ReservationId C = new ReservationId("c");
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void holdsComeDueInTheOrderOfTheirExpiryEachOnce() {
        PendingExpiries pending = new PendingExpiries(0);
        pending.held(B, T.plusSeconds(20), 20);
        pending.held(A, T.plusSeconds(10), 30);
        pending.held(C, T.plusSeconds(30), 10);

        assertThat(pending.due(T.plusSeconds(9))).isEmpty();
        assertThat(pending.due(T.plusSeconds(20))).containsExactly(A, B);
        assertThat(pending.due(T.plusSeconds(25))).as("handed out once").isEmpty();
        assertThat(pending.due(T.plusSeconds(30))).containsExactly(C);
    }

    @Test
    void anEndedHoldIsNeverHandedOutAndAnUnknownEndIsIgnored() {
        PendingExpiries pending = new PendingExpiries(0);
        pending.held(A, T, 1);
        pending.ended(A);
        pending.ended(B);
        assertThat(pending.due(T.plusSeconds(1))).isEmpty();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aHoldSeenTwiceCountsOnce() {
        PendingExpiries pending = new PendingExpiries(0);
        pending.held(A, T, 1);
        pending.held(A, T, 1);
        assertThat(pending.due(T)).containsExactly(A);
        assertThat(pending.size()).isOne();
    }

    @Test
    void aRetriedHoldComesDueAgainUnlessItEndedMeanwhile() {
        PendingExpiries pending = new PendingExpiries(0);
        pending.held(A, T, 1);
        pending.held(B, T, 2);
        assertThat(pending.due(T)).containsExactly(A, B);
        pending.retry(A, T.plus(Duration.ofSeconds(1)));
        pending.retry(B, T.plus(Duration.ofSeconds(1)));
        pending.ended(B);
        assertThat(pending.due(T.plusMillis(999))).isEmpty();
        assertThat(pending.due(T.plusSeconds(1))).containsExactly(A);
    }

    @Test
    void theLowWaterMarkStaysAtTheOldestRunningHold() {
        PendingExpiries pending = new PendingExpiries(100);
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).as("nothing seen yet: where it started").isEqualTo(100);

        pending.held(A, T, 105);
        pending.seen(105, gaps());
        pending.held(B, T, 110);
        pending.seen(110, gaps());
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).isEqualTo(105);

        pending.ended(A);
        pending.seen(111, gaps());
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).isEqualTo(110);
        // a hold that was handed out but has not ended yet still holds the mark
        assertThat(pending.due(T)).containsExactly(B);
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).isEqualTo(110);

        pending.ended(B);
        pending.seen(112, gaps());
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).as("nothing running: past everything seen").isEqualTo(113);
    }

    @Test
    void theLowWaterMarkWaitsAtAGapThatMayStillFillButNotForever() {
        PendingExpiries pending = new PendingExpiries(0);
        pending.seen(20, gaps(12, 15));
        assertThat(pending.lowWaterMark(T, GAP_TIMEOUT)).as("12 may be a transaction still running").isEqualTo(12);

        pending.seen(21, gaps(15));
        assertThat(pending.lowWaterMark(T.plusSeconds(1), GAP_TIMEOUT)).as("12 filled").isEqualTo(15);

        pending.seen(22, gaps(15, 21));
        assertThat(pending.lowWaterMark(T.plus(GAP_TIMEOUT), GAP_TIMEOUT)).as("15 still young enough").isEqualTo(15);
        assertThat(pending.lowWaterMark(T.plus(GAP_TIMEOUT).plusMillis(1), GAP_TIMEOUT))
                .as("15 given up (never filled), 21 is new").isEqualTo(21);
        pending.seen(22, gaps());
        assertThat(pending.lowWaterMark(T.plus(GAP_TIMEOUT).plusSeconds(1), GAP_TIMEOUT)).isEqualTo(23);
        pending.seen(23, gaps(3));
        assertThat(pending.lowWaterMark(T.plus(GAP_TIMEOUT).plusSeconds(2), GAP_TIMEOUT)).as("never moves back").isEqualTo(23);
    }

    private static SortedSet<Long> gaps(long... positions) {
        TreeSet<Long> set = new TreeSet<>();
        for (long p : positions) {
            set.add(p);
        }
        return set;
    }
}
