package io.ticketing.command.booking;

import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.command.CommandSideApplication;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A command side (run as a child JVM by {@link IdempotencyCrashTest}) that dies — {@code Runtime.halt}, as abrupt
 * as a SIGKILL — the moment a transaction has committed a hold or a payment order of a user whose id starts with
 * {@value #HOLD_USERS} or {@value #PAY_USERS}: after the COMMIT, before anybody is answered. Nothing in the main
 * code knows of it: the transaction manager bean is wrapped from outside (no annotation, so the component scan of
 * the suite's contexts never finds it).
 */
public final class HaltAfterCommit {
    static final String HOLD_USERS = "halt-hold-";
    static final String PAY_USERS = "halt-pay-";

    private HaltAfterCommit() {
    }

    public static void main(String[] args) {
        CommandSideApplication.builder()
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof TransactionManager transactions ? halting(transactions) : bean;
                    }
                }))
                .run(args);
    }

    private static TransactionManager halting(TransactionManager delegate) {
        return () -> {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    boolean halt = committingHalter();
                    transaction.commit();
                    // Only once the outermost transaction is over: the event store appends in a transaction of
                    // its own that joins the unit of work's, and that one's commit commits nothing yet.
                    if (halt && !TransactionSynchronizationManager.isActualTransactionActive()) {
                        System.out.println("HaltAfterCommit: committed, halting now");
                        System.out.flush();
                        Runtime.getRuntime().halt(137);
                    }
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        };
    }

    private static boolean committingHalter() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Object payload = CurrentUnitOfWork.get().getMessage().getPayload();
        if (payload instanceof HoldSeats hold) {
            return is(hold.userId(), HOLD_USERS);
        }
        return payload instanceof CreatePaymentOrder order && is(order.userId(), PAY_USERS);
    }

    private static boolean is(UserId user, String prefix) {
        return user != null && user.value().startsWith(prefix);
    }
}
