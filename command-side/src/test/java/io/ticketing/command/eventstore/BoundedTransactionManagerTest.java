package io.ticketing.command.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionTimedOutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The time limit on Axon's transactions, and the gap timeout derived from it. */
class BoundedTransactionManagerTest {
    private final List<String> calls = new ArrayList<>();
    private final TransactionManager recording = () -> new Transaction() {
        @Override
        public void commit() {
            calls.add("commit");
        }

        @Override
        public void rollback() {
            calls.add("rollback");
        }
    };

    @Test
    void aTransactionWithinItsLimitCommits() {
        new BoundedTransactionManager(recording, Duration.ofMinutes(1)).startTransaction().commit();
        assertThat(calls).containsExactly("commit");
    }

    @Test
    void aTransactionThatRanPastItsLimitIsRolledBackInsteadOfCommitted() {
        long started = System.nanoTime();
        Transaction transaction = new BoundedTransactionManager(recording, Duration.ofMillis(50)).startTransaction();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - started > Duration.ofMillis(60).toNanos());
        assertThatThrownBy(transaction::commit).isInstanceOf(TransactionTimedOutException.class);
        assertThat(calls).containsExactly("rollback");
    }

    @Test
    void aGapIsWaitedForTwiceTheLongestTransactionPlusClockSkew() {
        EventStoreProperties defaults = new EventStoreProperties(Duration.ofSeconds(60), Duration.ofSeconds(10), 250);
        assertThat(defaults.serverIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.longestTransaction()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.gapTimeout()).isEqualTo(Duration.ofSeconds(250));
        EventStoreProperties longer = new EventStoreProperties(Duration.ofSeconds(90), Duration.ofSeconds(10), 250);
        assertThat(longer.gapTimeout()).isEqualTo(Duration.ofSeconds(370));
    }
}
