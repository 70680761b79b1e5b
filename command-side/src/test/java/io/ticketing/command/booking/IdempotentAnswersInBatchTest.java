package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.command.eventstore.BoundedTransactionManager;
import io.ticketing.command.reservation.application.BookingProblems;
import io.ticketing.command.reservation.application.IdempotentRequests;
import io.ticketing.command.reservation.domain.Booking;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.EventHistory;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, point 4, at the unit-of-work level: keyed holds sent the way {@code ReservationService} sends them
 * ({@link IdempotentRequests#once} with {@link IdempotentRequests.Attempt#carry}), decided by {@link GroupCommit}
 * with the application's Booking handler, event store, transaction manager and the idempotency interceptor
 * ({@link IdempotentRequests#answersInTransaction()}). A key's success is written in the transaction of its
 * command's events: a batch that rolls back keeps no answer, and the answer is there once the command has
 * committed alone; a command that never commits leaves its key unanswered (its retry holds, once); a refusal in the
 * batch is answered as a refusal; an attempt whose key was taken over does not commit at all, and the rest of its
 * batch does.
 */
@CommandSideTest
class IdempotentAnswersInBatchTest {
    @LocalServerPort
    int port;
    @Autowired
    Booking booking;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    EventStore eventStore;
    @Autowired
    IdempotentRequests requests;
    @Autowired
    JdbcTemplate jdbc;

    /** What the test's keyed holds answer (and store): the reservation held. */
    record Held(String reservationId) {
    }

    private String schedule;
    private AnnotationCommandHandlerAdapter<Booking> handler;
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private final List<PendingCommand> batch = new ArrayList<>();

    @BeforeEach
    void newSchedule() {
        schedule = new BookingClient(port).createSchedule(1, 8, 1_000);
        handler = new AnnotationCommandHandlerAdapter<>(booking);
    }

    @AfterEach
    void stopClients() throws InterruptedException {
        clients.shutdownNow();
        clients.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aBatchThatRollsBackKeepsNoAnswerAndEachKeyIsAnsweredOnceWhenItsCommandRunsAlone() {
        Request alice = keyed("alice", "A-1-1");
        Request bob = keyed("bob", "A-1-1"); // taken by alice earlier in the same batch: a refusal
        PendingCommand carol = unkeyed("carol", "A-1-2");
        CheckedTransactions firstCommitFails = new CheckedTransactions(transactionManager, 1);

        decide(firstCommitFails, alice, bob, carol);

        assertThat(firstCommitFails.answersSeenAtFailedCommit).as("in the batch's transaction, before its commit failed")
                .containsEntry(alice.key, 201);
        assertThat(firstCommitFails.answersAfterRollback).as("the rollback took the answer with the events")
                .containsEntry(alice.key, 0);
        Held held = alice.answer();
        assertThat(heldInStore(alice)).as("held once, by the run alone").containsExactly(new ReservationId(held.reservationId()));
        assertThat(status(alice)).isEqualTo(201);
        assertThat(requests.once(alice.user, alice.key, alice.operation(), alice.seats, Held.class, () -> fail("answered already")))
                .as("the stored answer is the one the hold was answered with").isEqualTo(held);
        assertThat(bob.problem().type()).isEqualTo(BookingProblems.SEAT_UNAVAILABLE);
        assertThat(status(bob)).as("a refusal stored as before").isEqualTo(409);
        assertThat(heldInStore(bob)).isEmpty();
    }

    @Test
    void aKeyedCommandThatNeverCommitsLeavesItsKeyUnansweredAndItsRetryHoldsOnce() {
        Request first = keyed("dave", "A-1-3");
        decide(new BoundedTransactionManager(transactionManager, Duration.ofNanos(1)), first, unkeyed("erin", "A-1-4"));

        assertThat(first.failure()).as("not accepted").isNotInstanceOf(ProblemException.class);
        assertThat(heldInStore(first)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where user_id = ? and idempotency_key = ?",
                Long.class, first.user.value(), first.key)).as("no answer: the marker of a failed attempt is gone").isZero();

        Request retry = first.retry();
        decide(transactionManager, retry);

        Held held = retry.answer();
        assertThat(heldInStore(retry)).containsExactly(new ReservationId(held.reservationId()));
        assertThat(heldInStore(first)).isEmpty();
        assertThat(requests.once(retry.user, retry.key, retry.operation(), retry.seats, Held.class, () -> fail("answered already")))
                .isEqualTo(held);
    }

    @Test
    void anAttemptWhoseKeyWasTakenOverCommitsNothingAndTheRestOfItsBatchCommits() {
        String successor = UUID.randomUUID().toString();
        Request overtaken = keyed("frank", "A-1-5", key -> jdbc.update(
                "UPDATE idempotent_request SET attempt = ? WHERE user_id = ? AND idempotency_key = ?",
                successor, new UserId("frank-" + schedule).value(), key));
        Request other = keyed("grace", "A-1-6");
        PendingCommand heidi = unkeyed("heidi", "A-1-7");

        decide(transactionManager, overtaken, other, heidi);

        assertThat(overtaken.problem().type()).as("told its key is in progress (its successor's)")
                .isEqualTo("urn:ticketing:request-in-progress");
        assertThat(heldInStore(overtaken)).as("its events never committed without its answer").isEmpty();
        assertThat(jdbc.queryForMap("select attempt, status from idempotent_request where user_id = ? and idempotency_key = ?",
                overtaken.user.value(), overtaken.key)).as("the successor's marker, untouched")
                .containsEntry("attempt", successor).containsEntry("status", 0);
        Held held = other.answer();
        assertThat(heldInStore(other)).containsExactly(new ReservationId(held.reservationId()));
        assertThat(status(other)).isEqualTo(201);
        assertThat(EventHistory.of(eventStore, ReservationHeld.class))
                .anyMatch(e -> e.reservationId().equals(((HoldSeats) heidi.message().getPayload()).reservationId()));
    }

    // ---- a keyed request on a client thread of its own; its command waits in the test's batch ----

    private final class Request {
        final UserId user;
        final String key;
        final List<String> seats;
        final ReservationId reservation = ReservationId.random();
        final java.util.function.Consumer<String> beforeSending;
        final CompletableFuture<Held> answer;

        Request(String name, String seat, String key, java.util.function.Consumer<String> beforeSending) {
            this.user = new UserId(name + "-" + schedule);
            this.key = key;
            this.seats = List.of(seat);
            this.beforeSending = beforeSending;
            this.answer = CompletableFuture.supplyAsync(this::send, clients);
        }

        String operation() {
            return "hold:" + schedule;
        }

        private Held send() {
            return requests.once(user, key, operation(), seats, Held.class, attempt -> {
                beforeSending.accept(key);
                HoldSeats hold = new HoldSeats(reservation, new ScheduleId(schedule), user, List.of(SeatPosition.parse(seats.get(0))));
                @SuppressWarnings("unchecked")
                CommandMessage<Object> message = (CommandMessage<Object>) GenericCommandMessage.asCommandMessage(
                        attempt.carry(hold, (ReservationHeld held) -> new Held(held.reservationId().value())));
                CompletableFuture<CommandResultMessage<?>> result = new CompletableFuture<>();
                enqueue(new PendingCommand(message, handler, (command, r) -> result.complete(r), NoOpMessageMonitorCallback.INSTANCE));
                CommandResultMessage<?> decided = result.join();
                if (decided.isExceptional()) {
                    ProblemException problem = BookingProblems.translate(decided.exceptionResult(), hold.seats());
                    throw problem != null ? problem : new IllegalStateException(decided.exceptionResult());
                }
                return new Held(((ReservationHeld) decided.getPayload()).reservationId().value());
            });
        }

        Request retry() {
            return new Request(user.value().substring(0, user.value().length() - schedule.length() - 1), seats.get(0), key, k -> {
            });
        }

        Held answer() {
            return answer.join();
        }

        Throwable failure() {
            try {
                answer.join();
            } catch (CompletionException e) {
                return e.getCause();
            }
            throw new AssertionError("answered " + answer.join());
        }

        ProblemException problem() {
            Throwable failure = failure();
            assertThat(failure).isInstanceOf(ProblemException.class);
            return (ProblemException) failure;
        }
    }

    private Request keyed(String name, String seat) {
        return keyed(name, seat, key -> {
        });
    }

    private Request keyed(String name, String seat, java.util.function.Consumer<String> beforeSending) {
        int before = queued();
        Request request = new Request(name, seat, UUID.randomUUID().toString(), beforeSending);
        // one after another, so the batch's order is the order of the arguments
        await().atMost(Duration.ofSeconds(10)).until(() -> queued() > before || request.answer.isDone());
        return request;
    }

    private PendingCommand unkeyed(String name, String seat) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(new HoldSeats(ReservationId.random(),
                new ScheduleId(schedule), new UserId(name + "-" + schedule), List.of(SeatPosition.parse(seat))));
        PendingCommand command = new PendingCommand(message, handler, (c, r) -> {
        }, NoOpMessageMonitorCallback.INSTANCE);
        enqueue(command);
        return command;
    }

    private synchronized void enqueue(PendingCommand command) {
        batch.add(command);
    }

    private synchronized int queued() {
        return batch.size();
    }

    /** Runs what is queued as one batch, as a booking writer does, once every request has queued its command. */
    private void decide(TransactionManager transactions, Object... requestsInBatch) {
        await().atMost(Duration.ofSeconds(10)).until(() -> queued() == requestsInBatch.length);
        List<PendingCommand> commands;
        synchronized (this) {
            commands = List.copyOf(batch);
            batch.clear();
        }
        new GroupCommit(transactions, List.of(requests.answersInTransaction()), GroupCommit.BatchListener.NONE).run(commands);
        for (Object request : requestsInBatch) {
            if (request instanceof Request keyed) {
                keyed.answer.handle((a, f) -> null).join();
            }
        }
    }

    private List<ReservationId> heldInStore(Request request) {
        return EventHistory.of(eventStore, ReservationHeld.class).stream().map(ReservationHeld::reservationId)
                .filter(request.reservation::equals).toList();
    }

    private Integer status(Request request) {
        return jdbc.queryForObject("select status from idempotent_request where user_id = ? and idempotency_key = ?",
                Integer.class, request.user.value(), request.key);
    }

    /**
     * The application's transactions; the first {@code failing} commits are refused after their statements ran, and
     * what the key's rows say is recorded just before that commit (on the transaction's own connection) and after
     * its rollback.
     */
    private final class CheckedTransactions implements TransactionManager {
        final TransactionManager delegate;
        final AtomicInteger failing;
        final Map<String, Integer> answersSeenAtFailedCommit = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, Integer> answersAfterRollback = new java.util.concurrent.ConcurrentHashMap<>();

        CheckedTransactions(TransactionManager delegate, int failing) {
            this.delegate = delegate;
            this.failing = new AtomicInteger(failing);
        }

        @Override
        public Transaction startTransaction() {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    if (failing.getAndDecrement() > 0) {
                        record(answersSeenAtFailedCommit);
                        transaction.rollback();
                        record(answersAfterRollback);
                        throw new IllegalStateException("commit refused by the test");
                    }
                    transaction.commit();
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        }

        private void record(Map<String, Integer> into) {
            jdbc.query("select idempotency_key, status from idempotent_request where user_id like ?",
                    rs -> {
                        into.put(rs.getString(1), rs.getInt(2));
                    }, "%-" + schedule);
        }
    }
}
