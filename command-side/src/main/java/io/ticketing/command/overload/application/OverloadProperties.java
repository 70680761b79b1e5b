package io.ticketing.command.overload.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Admission control of command work at the HTTP edge and the waiting room's adaptive admission rate
 * ({@code ticketing.overload.*}; docs/design.md, "Overload").
 *
 * @param enabled            false: no bound on in-flight command work (the waiting room's rate is then not adapted either)
 * @param limit              {@code aimd} (the default: adaptive on {@code latency-target}), {@code gradient2} (adaptive on
 *                           latency over the unloaded minimum), {@code vegas} (adaptive) or {@code fixed} ({@code max-limit})
 * @param initialLimit       in-flight command requests allowed before the adaptive limit has measured anything
 * @param minLimit           the adaptive limit never goes below this
 * @param maxLimit           nor above this; keep it under {@code server.tomcat.threads.max} minus {@code backlog}, so that
 *                           some request threads are always free to refuse, and to answer health and the queue
 * @param backlog            requests that may wait for a slot (newest first); the rest are refused at once
 * @param maxWait            the longest a request waits for a slot before it is refused
 * @param retryAfterSeconds  the {@code Retry-After} of a refusal
 * @param latencyTarget      an accepted command slower than this counts as a congestion signal for the waiting room
 * @param slowShare          share of accepted commands over {@code latency-target} in one interval that counts as congested
 * @param adjustInterval     how often each schedule's effective admission rate is adjusted
 * @param decreaseFactor     a congested interval multiplies the effective rate by this (multiplicative decrease)
 * @param increaseShare      a calm interval adds this share of the ceiling ({@code admitPerSecond}) to it (additive increase)
 * @param defaultMinAdmitPerSecond the floor of a schedule whose admin set none (never above its {@code admitPerSecond})
 */
@ConfigurationProperties("ticketing.overload")
public record OverloadProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("aimd") String limit,
        @DefaultValue("16") int initialLimit,
        @DefaultValue("2") int minLimit,
        @DefaultValue("16") int maxLimit,
        @DefaultValue("2") int backlog,
        @DefaultValue("10ms") Duration maxWait,
        @DefaultValue("1") int retryAfterSeconds,
        @DefaultValue("100ms") Duration latencyTarget,
        @DefaultValue("0.01") double slowShare,
        @DefaultValue("1s") Duration adjustInterval,
        @DefaultValue("0.7") double decreaseFactor,
        @DefaultValue("0.05") double increaseShare,
        @DefaultValue("1") double defaultMinAdmitPerSecond) {

    public OverloadProperties {
        if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("ticketing.overload: need 1 <= min-limit <= initial-limit <= max-limit, got "
                    + minLimit + ", " + initialLimit + ", " + maxLimit);
        }
        if (backlog < 0 || maxWait.isNegative() || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("ticketing.overload: backlog and max-wait must not be negative, retry-after-seconds at least 1");
        }
        if (decreaseFactor <= 0 || decreaseFactor >= 1 || increaseShare <= 0 || increaseShare > 1
                || slowShare < 0 || slowShare > 1 || adjustInterval.toMillis() < 1 || defaultMinAdmitPerSecond <= 0) {
            throw new IllegalArgumentException("ticketing.overload: need 0 < decrease-factor < 1, 0 < increase-share <= 1, "
                    + "0 <= slow-share <= 1, adjust-interval >= 1ms, default-min-admit-per-second > 0");
        }
        if (!java.util.Set.of("gradient2", "aimd", "vegas", "fixed").contains(limit)) {
            throw new IllegalArgumentException("ticketing.overload.limit must be gradient2, aimd, vegas or fixed, got " + limit);
        }
    }
}
