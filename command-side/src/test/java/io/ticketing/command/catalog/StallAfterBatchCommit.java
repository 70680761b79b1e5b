package io.ticketing.command.catalog;

import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.command.CommandSideApplication;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command side (run as a child JVM by {@link ConcertCreationJobCrashTest}) whose creation job stops for good right
 * after the COMMIT of its {@value #STALL_AFTER}th seat batch: the batch's events are stored, and the thread that
 * committed them never returns, so nothing the job does after a commit (telling anybody, recording anything outside
 * the transaction, going on with the next batch) happens before the test kills the JVM. Nothing in the main code
 * knows of it: the transaction manager bean is wrapped from outside (no annotation, so the component scan of the
 * suite's contexts never finds it).
 */
public final class StallAfterBatchCommit {
    static final int STALL_AFTER = 3;
    private static final AtomicInteger committedBatches = new AtomicInteger();
    private static final CountDownLatch never = new CountDownLatch(1);

    private StallAfterBatchCommit() {
    }

    public static void main(String[] args) {
        CommandSideApplication.builder()
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof TransactionManager transactions ? stalling(transactions) : bean;
                    }
                }))
                .run(args);
    }

    private static TransactionManager stalling(TransactionManager delegate) {
        return () -> {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    boolean batch = CurrentUnitOfWork.isStarted()
                            && CurrentUnitOfWork.get().getMessage().getPayload() instanceof CreateSeats;
                    transaction.commit();
                    // Only once the outermost transaction is over: the event store appends in a transaction of
                    // its own that joins the unit of work's, and that one's commit commits nothing yet.
                    if (batch && !TransactionSynchronizationManager.isActualTransactionActive()
                            && committedBatches.incrementAndGet() == STALL_AFTER) {
                        System.out.println("StallAfterBatchCommit: batch " + STALL_AFTER + " committed, stalling");
                        System.out.flush();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        };
    }
}
