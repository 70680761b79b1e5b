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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Sends {@link ExpireHold} for every pending hold whose {@code expiresAt} has come, on a thread of its own (a burst
 * of expiries must not hold up the admission step on Spring's scheduler), and every few seconds records the
 * low-water mark. The due holds are asked all at once — up to {@code ticketing.booking.expiry.max-in-flight} before
 * the first answer is awaited — so they reach the booking writers together and commit in their batches instead of
 * one batch each. The reservation decides; this only asks. Every instance asks for every hold it knows of, so a
 * hold taken by an instance that died still expires; a second ask finds the hold ended and changes nothing.
 *
 * <p>Nothing is sent until the tracking processor has caught up at start-up: a hold read early in the rebuild
 * may well have ended further on, and asking for it would cost a command for nothing.
 */
class HoldExpirer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HoldExpirer.class);
    /** A failed ask (the database away, a concurrent change to the reservation) is asked again after this. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** How long the answers of one round of asks are awaited; one not answered by then is asked again later. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private final PendingExpiries pending;
    private final CommandGateway commands;
    private final HoldExpiryMark mark;
    private final BooleanSupplier caughtUp;
    private final Clock clock;
    private final Duration checkInterval;
    private final Duration markInterval;
    private final Duration gapTimeout;
    private final int maxInFlight;
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
        this.maxInFlight = properties.maxInFlight();
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
        List<ReservationId> due;
        do {
            due = pending.due(now, maxInFlight);
            expire(due);
        } while (due.size() == maxInFlight && !Thread.currentThread().isInterrupted());
        if (!now.isBefore(nextMark)) {
            nextMark = now.plus(markInterval);
            long position = pending.lowWaterMark(now, gapTimeout);
            if (position > lastMark) {
                mark.advance(position);
                lastMark = position;
            }
        }
    }

    /** Asks for every one of {@code due} before it waits for any answer, then deals with each answer in turn. */
    private void expire(List<ReservationId> due) {
        if (due.isEmpty()) {
            return;
        }
        List<CompletableFuture<Reservation.ExpiryOutcome>> asked = new ArrayList<>(due.size());
        for (ReservationId reservationId : due) {
            asked.add(ask(reservationId));
        }
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        for (int i = 0; i < due.size(); i++) {
            answered(due.get(i), asked.get(i), deadline);
        }
    }

    private CompletableFuture<Reservation.ExpiryOutcome> ask(ReservationId reservationId) {
        try {
            return commands.send(new ExpireHold(reservationId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answered(ReservationId reservationId, CompletableFuture<Reservation.ExpiryOutcome> asked, long deadline) {
        Reservation.ExpiryOutcome outcome;
        try {
            outcome = asked.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            failed(reservationId, e.getCause() != null ? e.getCause() : e);
            return;
        } catch (TimeoutException e) {
            log.warn("Expiry of {} not answered within {}; asked again in {}", reservationId, ANSWER_WAIT, RETRY);
            pending.retry(reservationId, clock.instant().plus(RETRY));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.retry(reservationId, clock.instant().plus(RETRY));
            return;
        }
        if (outcome == Reservation.ExpiryOutcome.NOT_DUE) {
            pending.retry(reservationId, clock.instant().plus(RETRY));
        }
        // EXPIRED or ALREADY_ENDED: the end event reaches the tracker, which drops the hold.
    }

    private void failed(ReservationId reservationId, Throwable e) {
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
