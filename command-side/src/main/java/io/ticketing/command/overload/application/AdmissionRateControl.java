package io.ticketing.command.overload.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each schedule's effective admission rate, following what the command side can take: additive increase,
 * multiplicative decrease between the schedule's floor ({@code minAdmitPerSecond}) and ceiling ({@code admitPerSecond}).
 * Every {@code adjust-interval} it reads the edge's signals: an interval in which command work was shed, or in which
 * more than {@code slow-share} of accepted commands took longer than {@code latency-target}, is congested and
 * multiplies every schedule's rate by {@code decrease-factor}; a calm one adds {@code increase-share} of the ceiling.
 * The signals are those of this instance's command work as a whole (the CPU is shared by every schedule), the
 * state is per schedule. A schedule starts at its ceiling, so without congestion nothing changes.
 */
public class AdmissionRateControl {
    private final OverloadSignals signals;
    private final OverloadProperties properties;
    private final Clock clock;
    private final Map<String, Rate> schedules = new ConcurrentHashMap<>();
    private Instant lastAdjusted;
    private long shed;
    private long accepted;
    private long slow;
    private volatile boolean congested;

    /** A schedule's rate and the bounds it was last given. */
    public record Rate(double effective, double floor, double ceiling) {
    }

    public AdmissionRateControl(OverloadSignals signals, OverloadProperties properties, Clock clock) {
        this.signals = signals;
        this.properties = properties;
        this.clock = clock;
        this.lastAdjusted = clock.instant();
        this.shed = signals.shed();
        this.accepted = signals.accepted();
        this.slow = signals.slow();
    }

    /** The rate to admit at in the schedule's next step; empty before its first step (its own ceiling applies). */
    public Optional<Double> capFor(String scheduleId) {
        adjustIfDue();
        Rate rate = schedules.get(scheduleId);
        return rate == null ? Optional.empty() : Optional.of(rate.effective());
    }

    /** What the schedule's last step used: its bounds as stored (an admin may have changed them) and the rate applied. */
    public void observed(String scheduleId, double floor, double ceiling) {
        schedules.compute(scheduleId, (id, rate) -> {
            double low = Math.min(floor, ceiling);
            double current = rate == null ? ceiling : rate.effective();
            return new Rate(Math.max(low, Math.min(ceiling, current)), low, ceiling);
        });
    }

    public Optional<Rate> rate(String scheduleId) {
        return Optional.ofNullable(schedules.get(scheduleId));
    }

    /** Whether the last interval was congested (for the log and tests). */
    public boolean congested() {
        return congested;
    }

    public void forget(String scheduleId) {
        schedules.remove(scheduleId);
    }

    synchronized void adjustIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(lastAdjusted.plus(properties.adjustInterval()))) {
            return;
        }
        lastAdjusted = now;
        long shedNow = signals.shed();
        long acceptedNow = signals.accepted();
        long slowNow = signals.slow();
        long shedDelta = shedNow - shed;
        long acceptedDelta = acceptedNow - accepted;
        long slowDelta = slowNow - slow;
        shed = shedNow;
        accepted = acceptedNow;
        slow = slowNow;
        congested = shedDelta > 0 || (acceptedDelta > 0 && slowDelta > properties.slowShare() * acceptedDelta);
        schedules.replaceAll((id, rate) -> new Rate(congested
                ? Math.max(rate.floor(), rate.effective() * properties.decreaseFactor())
                : Math.min(rate.ceiling(), rate.effective() + properties.increaseShare() * rate.ceiling()),
                rate.floor(), rate.ceiling()));
    }
}
