package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.command.reservation.domain.Reservation;
import io.ticketing.command.reservation.domain.ReservationNotFound;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends {@link ExpireHold} for every pending hold whose {@code expiresAt} has come, on a thread of its own (a burst
 * of expiries must not hold up the admission step on Spring's scheduler), and every few seconds records the
 * low-water mark. The reservation decides; this only asks. Every instance asks for every hold it knows of, so a
 * hold taken by an instance that died still expires; a second ask finds the hold ended and changes nothing.
 *
 * <p>Nothing is sent until the tracking processor has caught up at start-up: a hold read early in the rebuild
 * may well have ended further on, and asking for it would cost a command for nothing.
 */
class HoldExpirer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HoldExpirer.class);
    /** A failed ask (the database away, a concurrent change to the reservation) is asked again after this. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final PendingExpiries pending;
    private final CommandGateway commands;
    private final HoldExpiryMark mark;
    private final BooleanSupplier caughtUp;
    private final Clock clock;
    private final Duration checkInterval;
    private final Duration markInterval;
    private final Duration gapTimeout;
    private ScheduledExecutorService executor;
    private volatile boolean live;
    private Instant nextMark = Instant.MIN;
    private long lastMark = -1;

    HoldExpirer(PendingExpiries pending, CommandGateway commands, HoldExpiryMark mark, BooleanSupplier caughtUp,
                Clock clock, HoldExpiryProperties properties, Duration gapTimeout) {
        this.pending = pending;
        this.commands = commands;
        this.mark = mark;
        this.caughtUp = caughtUp;
        this.clock = clock;
        this.checkInterval = properties.checkInterval();
        this.markInterval = properties.markInterval();
        this.gapTimeout = gapTimeout;
    }

    /** One round: expire what is due, then record the mark if it is time. Public for the tests' sake only. */
    void tick() {
        if (!live) {
            if (!caughtUp.getAsBoolean()) {
                return;
            }
            live = true;
            log.info("Hold expiry live: {} running holds known", pending.size());
        }
        Instant now = clock.instant();
        for (ReservationId reservationId : pending.due(now)) {
            expire(reservationId);
        }
        if (!now.isBefore(nextMark)) {
            nextMark = now.plus(markInterval);
            long position = pending.lowWaterMark(now, gapTimeout);
            if (position > lastMark) {
                mark.advance(position);
                lastMark = position;
            }
        }
    }

    private void expire(ReservationId reservationId) {
        try {
            Reservation.ExpiryOutcome outcome = commands.sendAndWait(new ExpireHold(reservationId));
            if (outcome == Reservation.ExpiryOutcome.NOT_DUE) {
                pending.retry(reservationId, clock.instant().plus(RETRY));
            }
            // EXPIRED or ALREADY_ENDED: the end event reaches the tracker, which drops the hold.
        } catch (RuntimeException e) {
            if (causedBy(e, ReservationNotFound.class)) {
                pending.ended(reservationId);
                return;
            }
            if (causedBy(e, ConcurrencyException.class)) {
                log.debug("Expiry of {} raced another change to it; asked again unless that ended it", reservationId);
            } else {
                log.warn("Expiry of {} failed; asked again in {}", reservationId, RETRY, e);
            }
            pending.retry(reservationId, clock.instant().plus(RETRY));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Hold expiry round failed; next round in {}", checkInterval, e);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("hold-expiry-"));
        executor.scheduleWithFixedDelay(this::safeTick, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops before Axon's processors and command bus (their phases are lower), starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
