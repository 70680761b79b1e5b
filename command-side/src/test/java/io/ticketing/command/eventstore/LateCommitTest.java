package io.ticketing.command.eventstore;

import io.ticketing.command.support.CommandSideTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that takes its global index early and commits late is still published (issue 18, point 10).
 * Read through the event store's own tracking stream: the same storage engine, gap handling and token as the
 * publisher's tracking processor. The cleaning threshold is made tiny so gap cleaning runs on every read.
 */
@CommandSideTest
// Its own settings make its own application context: closed after the class, so that its admitter and
// processors do not go on running beside the shared context of the other tests (and taking their work).
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ticketing.eventstore.transaction-timeout=120s",
        "ticketing.eventstore.gap-cleaning-threshold=1"})
class LateCommitTest {
    /** More than Axon's default maxGapOffset (10,000): with it, the gap below would be given up. */
    private static final int LATER_EVENTS = 10_100;

    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventCommittedAfterTenThousandLaterOnesIsStillRead() throws Exception {
        TrackingToken start = eventStore.createHeadToken();
        String later = "later-" + UUID.randomUUID();

        SlowTransaction slow = new SlowTransaction();
        // A rolled-back insert: a second gap, one that never fills, so gap cleaning has work on every read.
        appendRolledBack();
        // Many later events, committed while the first transaction is still open.
        List<DomainEventMessage<?>> many = new ArrayList<>(LATER_EVENTS);
        for (int i = 0; i < LATER_EVENTS; i++) {
            many.add(event(later, i));
        }
        DefaultUnitOfWork.startAndGet(null).execute(() -> storageEngine.appendEvents(many));

        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            // The reader goes past every later event while the first is not committed yet...
            assertThat(readUntil(stream, later, LATER_EVENTS - 1, Duration.ofSeconds(90)))
                    .as("the later events are read").isTrue();
            // ...then the first one commits, late.
            slow.commitsLateAndIsRead(stream);
        }
    }

    /**
     * Time instead of count: the events after the gap are stamped 61 s ago (as if the slow transaction had been
     * open that long; within this test's bound of 2 x 120 s it still may commit). Axon's default gap
     * timeout (60 s) would give the gap up on the next cleaning; the one derived from the bound waits.
     */
    @Test
    void aGapOlderThanAxonsDefaultTimeoutIsWaitedForWhileItsTransactionMayStillCommit() throws Exception {
        TrackingToken start = eventStore.createHeadToken();
        String old = "old-" + UUID.randomUUID();
        SlowTransaction slow = new SlowTransaction();
        Instant stamped = Instant.now().minusSeconds(61);
        // Gap (late), an old event, a gap that never fills (rolled back), another old event: the cleaning
        // looks at the events between the gaps, and these are older than 60 s.
        DefaultUnitOfWork.startAndGet(null).execute(() -> storageEngine.appendEvents(event(old, 0, stamped)));
        appendRolledBack();
        DefaultUnitOfWork.startAndGet(null).execute(() -> storageEngine.appendEvents(event(old, 1, stamped)));

        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            assertThat(readUntil(stream, old, 1, Duration.ofSeconds(60))).as("the later events are read").isTrue();
            // Every read from now on has both gaps in its token, so the cleaning runs (threshold 1).
            slow.commitsLateAndIsRead(stream);
        }
    }

    @Test
    void everyTransactionIsBoundedAndTheDatabaseClosesConnectionsThatGoQuiet() {
        // The one Axon uses for commands, processors, deadlines and appends.
        assertThat(transactions).isInstanceOf(BoundedTransactionManager.class);
        assertThat(jdbc.queryForObject("SELECT @@session.wait_timeout", Long.class)).isEqualTo(120L);
    }

    /**
     * The slow transaction: inserts the first event of its aggregate at once (taking the lowest index of what
     * follows) and stays open until it is told to commit.
     */
    private final class SlowTransaction {
        private final String aggregateId = "late-" + UUID.randomUUID();
        private final CountDownLatch mayCommit = new CountDownLatch(1);
        private final CompletableFuture<Void> running;

        SlowTransaction() throws InterruptedException {
            CountDownLatch inserted = new CountDownLatch(1);
            running = CompletableFuture.runAsync(() -> transactions.executeInTransaction(() -> {
                storageEngine.appendEvents(event(aggregateId, 0));
                inserted.countDown();
                await(mayCommit);
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        }

        /** Still open while the reader went past the later events; then it commits, and its event is read. */
        void commitsLateAndIsRead(BlockingStream<TrackedEventMessage<?>> stream) throws Exception {
            assertThat(running).isNotDone();
            mayCommit.countDown();
            running.get(30, TimeUnit.SECONDS);
            assertThat(readUntil(stream, aggregateId, 0, Duration.ofSeconds(30)))
                    .as("the late commit is read, not skipped").isTrue();
        }
    }

    /** An insert that is rolled back: a gap in the global index that never fills. */
    private void appendRolledBack() {
        Transaction rolledBack = transactions.startTransaction();
        storageEngine.appendEvents(event("rolled-back-" + UUID.randomUUID(), 0));
        rolledBack.rollback();
    }

    /** Reads until the event of that aggregate and sequence number comes by, or the deadline passes. */
    private static boolean readUntil(BlockingStream<TrackedEventMessage<?>> stream, String aggregateId,
                                     long sequence, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                if (next instanceof DomainEventMessage<?> domain && aggregateId.equals(domain.getAggregateIdentifier())
                        && domain.getSequenceNumber() == sequence) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DomainEventMessage<String> event(String aggregateId, long sequence) {
        return event(aggregateId, sequence, Instant.now());
    }

    private static DomainEventMessage<String> event(String aggregateId, long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("GapTest", aggregateId, sequence, "payload " + sequence,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), timestamp);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
