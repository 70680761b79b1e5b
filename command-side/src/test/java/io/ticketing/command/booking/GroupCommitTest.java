package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.command.eventstore.BoundedTransactionManager;
import io.ticketing.command.reservation.domain.Booking;
import io.ticketing.command.reservation.domain.SeatsUnavailable;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.EventHistory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GroupCommit} against the real stack (the application's Booking handler, caching repositories, event
 * store on MariaDB, transaction manager): a batch is one transaction; a refusal inside it is that command's answer
 * and disturbs neither the others nor the caches; a failed commit answers nobody as accepted, and every command
 * of the batch then gets the answer of a run of its own.
 */
@CommandSideTest
class GroupCommitTest {
    @LocalServerPort
    int port;
    @Autowired
    Booking booking;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("seatCache")
    Cache seatCache;

    private String schedule;
    private AnnotationCommandHandlerAdapter<Booking> handler;

    @BeforeEach
    void newSchedule() {
        schedule = new BookingClient(port).createSchedule(1, 8, 1_000);
        handler = new AnnotationCommandHandlerAdapter<>(booking);
    }

    @Test
    void aBatchIsOneTransactionAndARefusalInItChangesNothingElse() {
        CountingTransactions counted = new CountingTransactions(transactionManager, 0);
        Answers warmUp = new Answers();
        new GroupCommit(counted, List.of(), GroupCommit.BatchListener.NONE).run(List.of(warmUp.hold("u0", "A-1-1")));
        assertThat(warmUp.accepted("u0")).isTrue();
        assertThat(seatCache.containsKey(seat("A-1-1"))).as("the held seat is cached").isTrue();

        Answers answers = new Answers();
        List<PendingCommand> batch = List.of(answers.hold("u1", "A-1-2"), answers.hold("u2", "A-1-1"),
                answers.hold("u3", "A-1-3"), answers.hold("u4", "A-1-2"));
        CountingTransactions batchTransactions = new CountingTransactions(transactionManager, 0);
        RecordingListener listener = new RecordingListener();
        new GroupCommit(batchTransactions, List.of(), listener).run(batch);

        assertThat(batchTransactions.started.get()).as("transactions for the batch").isEqualTo(1);
        assertThat(batchTransactions.committed.get()).as("commits for the batch").isEqualTo(1);
        assertThat(listener.committed).containsExactly(4);
        assertThat(answers.accepted("u1")).isTrue();
        assertThat(answers.accepted("u3")).isTrue();
        assertThat(answers.refusal("u2")).isInstanceOf(SeatsUnavailable.class);
        assertThat(answers.refusal("u4")).as("a seat taken earlier in the same batch").isInstanceOf(SeatsUnavailable.class);
        assertThat(heldInStore(answers)).containsExactlyInAnyOrder(answers.reservation("u1"), answers.reservation("u3"));
        assertThat(List.of("A-1-1", "A-1-2", "A-1-3")).as("nothing was evicted by the refusals")
                .allSatisfy(label -> assertThat(seatCache.containsKey(seat(label))).isTrue());
    }

    @Test
    void aFailedCommitAnswersNoneAsAcceptedAndEachCommandThenRunsAlone() {
        Answers answers = new Answers();
        List<PendingCommand> batch = List.of(answers.hold("u5", "A-1-4"), answers.hold("u6", "A-1-5"),
                answers.hold("u7", "A-1-4"));
        CountingTransactions firstCommitFails = new CountingTransactions(transactionManager, 1);
        RecordingListener listener = new RecordingListener();
        new GroupCommit(firstCommitFails, List.of(), listener).run(batch);

        assertThat(listener.retried).as("every command of the failed batch ran again").containsExactly(3);
        assertThat(firstCommitFails.started.get()).as("the batch's transaction, then one per command").isEqualTo(4);
        assertThat(answers.accepted("u5")).isTrue();
        assertThat(answers.accepted("u6")).isTrue();
        assertThat(answers.refusal("u7")).isInstanceOf(SeatsUnavailable.class);
        assertThat(heldInStore(answers)).as("each accepted hold stored once")
                .containsExactlyInAnyOrder(answers.reservation("u5"), answers.reservation("u6"));

        Answers never = new Answers();
        TransactionManager everyCommitFails = new BoundedTransactionManager(transactionManager, Duration.ofNanos(1));
        new GroupCommit(everyCommitFails, List.of(), GroupCommit.BatchListener.NONE)
                .run(List.of(never.hold("u8", "A-1-6"), never.hold("u9", "A-1-7")));
        assertThat(never.results).hasSize(2).allSatisfy((user, result) -> assertThat(result.isExceptional())
                .as("%s answered as failed", user).isTrue());
        assertThat(heldInStore(never)).as("nothing of a batch that never committed").isEmpty();
    }

    private List<ReservationId> heldInStore(Answers answers) {
        return EventHistory.of(eventStore, ReservationHeld.class).stream().map(ReservationHeld::reservationId)
                .filter(answers.reservations.values()::contains).toList();
    }

    private String seat(String label) {
        return new SeatId(new ScheduleId(schedule), SeatPosition.parse(label)).toString();
    }

    /** Holds of the test's users and what each was answered. */
    private final class Answers {
        final Map<String, ReservationId> reservations = new LinkedHashMap<>();
        final Map<String, CommandResultMessage<?>> results = new LinkedHashMap<>();

        PendingCommand hold(String user, String seat) {
            ReservationId reservation = ReservationId.random();
            reservations.put(user, reservation);
            CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(new HoldSeats(reservation,
                    new ScheduleId(schedule), new UserId(user + "-" + schedule), List.of(SeatPosition.parse(seat))));
            return new PendingCommand(message, handler, (command, result) -> results.put(user, result),
                    NoOpMessageMonitorCallback.INSTANCE);
        }

        ReservationId reservation(String user) {
            return reservations.get(user);
        }

        boolean accepted(String user) {
            CommandResultMessage<?> result = results.get(user);
            return result != null && !result.isExceptional() && result.getPayload() instanceof ReservationHeld;
        }

        Throwable refusal(String user) {
            return results.get(user).exceptionResult();
        }
    }

    private static final class RecordingListener implements GroupCommit.BatchListener {
        final List<Integer> committed = new ArrayList<>();
        final List<Integer> retried = new ArrayList<>();

        @Override
        public void committed(int commands) {
            committed.add(commands);
        }

        @Override
        public void retriedAlone(int commands, Throwable cause) {
            retried.add(commands);
        }
    }

    /** The application's transactions, counted; the first {@code failing} commits are refused (rolled back). */
    private static final class CountingTransactions implements TransactionManager {
        final TransactionManager delegate;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger failing;

        CountingTransactions(TransactionManager delegate, int failing) {
            this.delegate = delegate;
            this.failing = new AtomicInteger(failing);
        }

        @Override
        public Transaction startTransaction() {
            started.incrementAndGet();
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    if (failing.getAndDecrement() > 0) {
                        transaction.rollback();
                        throw new IllegalStateException("commit refused by the test");
                    }
                    transaction.commit();
                    committed.incrementAndGet();
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        }
    }
}
