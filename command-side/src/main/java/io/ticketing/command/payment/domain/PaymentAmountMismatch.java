package io.ticketing.command.payment.domain;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;

/** The provider reports a different amount than the order's: nothing is applied. */
public class PaymentAmountMismatch extends RuntimeException {
    public PaymentAmountMismatch(PaymentOrderId paymentOrderId, Money expected, Money reported) {
        super("Payment order " + paymentOrderId + " is for " + expected.amount() + " " + expected.currency()
                + ", the callback reports " + reported.amount() + " " + reported.currency() + ".", null, false, false);
    }
}
