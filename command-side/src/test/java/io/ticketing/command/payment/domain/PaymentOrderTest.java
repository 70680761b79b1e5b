package io.ticketing.command.payment.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CompletePayment;
import io.ticketing.api.payment.FailPayment;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of a payment order: READY → PAID | CANCELLED, idempotent by payment key, amount checked. */
class PaymentOrderTest {
    private static final PaymentOrderId ORDER = new PaymentOrderId("order-1");
    private static final ReservationId RESERVATION = new ReservationId("r-1");
    private static final Money AMOUNT = new Money(100_000, "KRW");
    private static final PaymentOrderCreated CREATED = new PaymentOrderCreated(ORDER, RESERVATION, new UserId("alice"), AMOUNT);

    private AggregateTestFixture<PaymentOrder> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaymentOrder.class);
    }

    @Test
    void aPaidCallbackCompletesAReadyOrder() {
        fixture.given(CREATED).when(new CompletePayment(ORDER, "key-1", AMOUNT))
                .expectEvents(new PaymentCompleted(ORDER, RESERVATION, "key-1", AMOUNT));
    }

    @Test
    void aFailedCallbackCancelsTheOrder() {
        fixture.given(CREATED).when(new FailPayment(ORDER, "key-1", AMOUNT))
                .expectEvents(new PaymentFailed(ORDER, RESERVATION, "key-1"));
    }

    @Test
    void aDifferentAmountIsRefusedAndChangesNothing() {
        fixture.given(CREATED).when(new CompletePayment(ORDER, "key-1", new Money(99_000, "KRW")))
                .expectException(PaymentAmountMismatch.class).expectNoEvents();
        fixture.given(CREATED).when(new CompletePayment(ORDER, "key-1", new Money(100_000, "USD")))
                .expectException(PaymentAmountMismatch.class);
    }

    @Test
    void theSameCallbackAgainIsANoOp() {
        fixture.given(CREATED, new PaymentCompleted(ORDER, RESERVATION, "key-1", AMOUNT))
                .when(new CompletePayment(ORDER, "key-1", AMOUNT)).expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(CREATED, new PaymentFailed(ORDER, RESERVATION, "key-1"))
                .when(new FailPayment(ORDER, "key-1", AMOUNT)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aClosedOrderRefusesANewPayment() {
        fixture.given(CREATED, new PaymentFailed(ORDER, RESERVATION, "key-1"))
                .when(new CompletePayment(ORDER, "key-2", AMOUNT)).expectException(PaymentOrderClosed.class);
        fixture.given(CREATED, new PaymentCompleted(ORDER, RESERVATION, "key-1", AMOUNT))
                .when(new FailPayment(ORDER, "key-2", AMOUNT)).expectException(PaymentOrderClosed.class);
    }

    @Test
    void aPaidCallbackForThePaymentReportedFailedIsRefundedOnce() {
        PaymentFailed failed = new PaymentFailed(ORDER, RESERVATION, "key-1");
        PaymentRefunded refunded = new PaymentRefunded(ORDER, RESERVATION, AMOUNT, RefundReason.PAID_AFTER_ORDER_CLOSED);
        fixture.given(CREATED, failed).when(new CompletePayment(ORDER, "key-1", AMOUNT)).expectEvents(refunded);
        fixture.given(CREATED, failed, refunded).when(new CompletePayment(ORDER, "key-1", AMOUNT))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(CREATED, failed).when(new CompletePayment(ORDER, "key-1", new Money(1, "KRW")))
                .expectException(PaymentAmountMismatch.class).expectNoEvents();
    }
}
