package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.command.reservation.domain.Reservation.ExpiryOutcome;
import io.ticketing.command.reservation.domain.ReservationNotFound;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link HoldExpirer} asks for every due hold before it waits for any answer (so the asks reach the booking writers
 * together and commit in their batches), never more than {@code max-in-flight} at once, and deals with each answer
 * as before: NOT_DUE and failures are asked again, an ended or unknown hold is not.
 */
class HoldExpirerTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    private final PendingExpiries pending = new PendingExpiries(0);
    private final AskingGateway commands = new AskingGateway();
    private final ExecutorService ticker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        ticker.shutdownNow();
    }

    @Test
    void everyDueHoldIsAskedBeforeAnyAnswerIsAwaitedAndEachAnswerIsDealtWithAsBefore() throws Exception {
        List<ReservationId> holds = holdsDue(5);
        Future<?> tick = ticker.submit(expirer(128)::tick);

        await().atMost(Duration.ofSeconds(10)).until(() -> commands.asked.size() == 5);
        assertThat(tick.isDone()).as("waiting for the answers, all five asked").isFalse();
        commands.answer(holds.get(0), ExpiryOutcome.EXPIRED);
        commands.answer(holds.get(1), ExpiryOutcome.NOT_DUE);
        commands.answer(holds.get(2), ExpiryOutcome.ALREADY_ENDED);
        commands.fail(holds.get(3), new ReservationNotFound(holds.get(3)));
        commands.fail(holds.get(4), new IllegalStateException("the database is away"));
        tick.get(10, TimeUnit.SECONDS);

        assertThat(pending.due(T.plus(HoldExpirer.RETRY)))
                .as("asked again: too early, and failed").containsExactlyInAnyOrder(holds.get(1), holds.get(4));
        assertThat(pending.size()).as("an unknown reservation is dropped; the others wait for their end event").isEqualTo(4);
        assertThat(commands.asked).as("each asked once").hasSize(5);
    }

    @Test
    void atMostMaxInFlightAreAskedAtOnceAndTheBacklogIsAskedInTurn() throws Exception {
        List<ReservationId> holds = holdsDue(5);
        Future<?> tick = ticker.submit(expirer(2)::tick);

        for (int answered = 0; answered < 5; ) {
            int expected = Math.min(answered + 2, 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> commands.asked.size() == expected);
            Thread.sleep(100);
            assertThat(commands.asked).as("no more asked until these are answered").hasSize(expected);
            for (; answered < expected; answered++) {
                commands.answer(commands.asked.get(answered), ExpiryOutcome.EXPIRED);
            }
        }
        tick.get(10, TimeUnit.SECONDS);
        assertThat(commands.asked).containsExactlyInAnyOrderElementsOf(holds);
    }

    private List<ReservationId> holdsDue(int count) {
        List<ReservationId> holds = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReservationId hold = ReservationId.random();
            pending.held(hold, T.minusSeconds(count - i), i);
            holds.add(hold);
        }
        return holds;
    }

    private HoldExpirer expirer(int maxInFlight) {
        HoldExpiryMark mark = new HoldExpiryMark(null, CLOCK) {
            @Override
            void advance(long position) {
            }
        };
        return new HoldExpirer(pending, commands, mark, () -> true, CLOCK,
                new HoldExpiryProperties(Duration.ofMillis(250), Duration.ofSeconds(5), null, maxInFlight), Duration.ofSeconds(1));
    }

    /** A gateway whose asks stay unanswered until the test answers them. */
    private static final class AskingGateway implements CommandGateway {
        final List<ReservationId> asked = new CopyOnWriteArrayList<>();
        final Map<ReservationId, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();

        void answer(ReservationId hold, ExpiryOutcome outcome) {
            answers.get(hold).complete(outcome);
        }

        void fail(ReservationId hold, Throwable failure) {
            answers.get(hold).completeExceptionally(failure);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> CompletableFuture<R> send(Object command) {
            ReservationId hold = ((ExpireHold) command).reservationId();
            CompletableFuture<Object> answer = new CompletableFuture<>();
            answers.put(hold, answer);
            asked.add(hold);
            return (CompletableFuture<R>) answer;
        }

        @Override
        public <R> R sendAndWait(Object command) {
            return this.<R>send(command).join();
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            throw new UnsupportedOperationException();
        }
    }
}
