package io.ticketing.command.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.TransactionTimedOutException;

import java.time.Duration;

/**
 * Axon's transactions with a time limit: a transaction that ran longer than the limit is rolled back instead
 * of committed. Every event is appended in one of these, so an event that took a global index and is still
 * uncommitted after the limit never appears later; the publisher's gap timeout relies on it
 * ({@link EventStoreProperties#gapTimeout()}). The database closes the rest of the window: a commit delayed
 * past the check (a pause of the JVM) finds its idle connection closed by the server.
 */
public class BoundedTransactionManager implements TransactionManager {
    private final TransactionManager delegate;
    private final long limitNanos;

    public BoundedTransactionManager(TransactionManager delegate, Duration limit) {
        this.delegate = delegate;
        this.limitNanos = limit.toNanos();
    }

    @Override
    public Transaction startTransaction() {
        long started = System.nanoTime();
        Transaction transaction = delegate.startTransaction();
        return new Transaction() {
            @Override
            public void commit() {
                long ran = System.nanoTime() - started;
                if (ran > limitNanos) {
                    transaction.rollback();
                    throw new TransactionTimedOutException("Transaction ran " + Duration.ofNanos(ran).toMillis()
                            + " ms, longer than its limit of " + Duration.ofNanos(limitNanos).toMillis()
                            + " ms: rolled back (an event committed this late could be missed by the publisher)");
                }
                transaction.commit();
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
