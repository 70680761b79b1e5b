package io.ticketing.command.overload;

import io.ticketing.command.overload.application.AdmissionRateControl;
import io.ticketing.command.overload.application.OverloadProperties;
import io.ticketing.command.overload.application.OverloadSignals;
import io.ticketing.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The waiting room's control loop on a fake clock and fake signals: AIMD between floor and ceiling. */
class AdmissionRateControlTest {
    private static final OverloadProperties PROPERTIES = new OverloadProperties(true, "gradient2", 8, 2, 12, 2,
            Duration.ofMillis(50), 1, Duration.ofMillis(200), 0.01, Duration.ofSeconds(1), 0.5, 0.1, 1);

    private final FakeSignals signals = new FakeSignals();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final AdmissionRateControl control = new AdmissionRateControl(signals, PROPERTIES, clock);

    /** One adjust interval passes in which some command work was shed. */
    private void aCongestedIntervalPasses() {
        signals.shed++;
        clock.advance(Duration.ofSeconds(1));
    }

    /** Schedule "s" (floor 10, ceiling 100) after one congested interval: at half its ceiling. */
    private void sIsHalvedOnce() {
        control.observed("s", 10, 100);
        aCongestedIntervalPasses();
        assertThat(control.capFor("s")).contains(50.0);
    }

    @Test
    void aScheduleStartsAtItsCeilingAndStaysThereWhileNothingIsShedOrSlow() {
        assertThat(control.capFor("s")).isEmpty();
        control.observed("s", 10, 100);
        for (int i = 0; i < 5; i++) {
            signals.accepted += 100;
            signals.slow += 1; // 1 % is not more than slow-share
            clock.advance(Duration.ofSeconds(1));
            assertThat(control.capFor("s")).contains(100.0);
        }
        assertThat(control.congested()).isFalse();
    }

    @Test
    void shedWorkHalvesTheRateEveryIntervalDownToTheFloor() {
        sIsHalvedOnce();
        assertThat(control.congested()).isTrue();
        aCongestedIntervalPasses();
        assertThat(control.capFor("s")).contains(25.0);
        aCongestedIntervalPasses();
        assertThat(control.capFor("s")).contains(12.5);
        aCongestedIntervalPasses();
        assertThat(control.capFor("s")).as("never below the floor").contains(10.0);
    }

    @Test
    void slowAnswersAloneAreCongestion() {
        control.observed("s", 10, 100);
        signals.accepted = 100;
        signals.slow = 2;
        clock.advance(Duration.ofSeconds(1));
        assertThat(control.capFor("s")).contains(50.0);
    }

    @Test
    void aCalmIntervalAddsAShareOfTheCeilingUpToTheCeiling() {
        sIsHalvedOnce();
        for (double expected : new double[]{60, 70, 80, 90, 100, 100}) {
            signals.accepted += 50;
            clock.advance(Duration.ofSeconds(1));
            assertThat(control.capFor("s").orElseThrow()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void nothingChangesBeforeTheIntervalHasPassed() {
        control.observed("s", 10, 100);
        signals.shed = 100;
        clock.advance(Duration.ofMillis(999));
        assertThat(control.capFor("s")).contains(100.0);
        clock.advance(Duration.ofMillis(1));
        assertThat(control.capFor("s")).contains(50.0);
    }

    @Test
    void anAdminsNewBoundsApplyAtOnce() {
        sIsHalvedOnce();
        control.observed("s", 10, 30);
        assertThat(control.rate("s").orElseThrow().effective()).as("a lower ceiling caps the rate").isEqualTo(30.0);
        control.observed("s", 40, 300);
        assertThat(control.rate("s").orElseThrow().effective()).as("a higher floor lifts it").isEqualTo(40.0);
        control.observed("s", 500, 300);
        assertThat(control.rate("s").orElseThrow().floor()).as("a floor above the ceiling is the ceiling").isEqualTo(300.0);
    }

    @Test
    void everyScheduleFollowsTheSameSignalsWithinItsOwnBounds() {
        control.observed("big", 100, 1000);
        control.observed("small", 1, 10);
        aCongestedIntervalPasses();
        assertThat(control.capFor("big")).contains(500.0);
        assertThat(control.capFor("small")).contains(5.0);
    }

    static final class FakeSignals implements OverloadSignals {
        long shed;
        long accepted;
        long slow;

        @Override
        public long shed() {
            return shed;
        }

        @Override
        public long accepted() {
            return accepted;
        }

        @Override
        public long slow() {
            return slow;
        }
    }
}
