package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure logic of the in-memory expiry queue and its low-water mark. */
class PendingExpiriesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final ReservationId A = new ReservationId("a");
    private static final ReservationId B = new ReservationId("b");
    private static final ReservationId C = new ReservationId("c");

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
    void theLowWaterMarkStaysAtTheOldestRunningHoldAndNeverPassesWhatWasNotSeen() {
        PendingExpiries pending = new PendingExpiries(100);
        assertThat(pending.lowWaterMark()).as("nothing seen yet: where it started").isEqualTo(100);

        pending.held(A, T, 105);
        pending.seenBefore(106);
        pending.held(B, T, 110);
        pending.seenBefore(111);
        assertThat(pending.lowWaterMark()).isEqualTo(105);

        pending.ended(A);
        assertThat(pending.lowWaterMark()).isEqualTo(110);
        // a hold that was handed out but has not ended yet still holds the mark
        assertThat(pending.due(T)).containsExactly(B);
        assertThat(pending.lowWaterMark()).isEqualTo(110);

        pending.ended(B);
        pending.seenBefore(108); // an older gap reported late never moves the mark back
        assertThat(pending.lowWaterMark()).isEqualTo(111);
    }
}
