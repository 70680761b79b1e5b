package io.ticketing.command.payment.domain;

import io.ticketing.api.common.PaymentOrderId;

/** A callback with a new payment key for an order that is no longer READY. */
public class PaymentOrderClosed extends RuntimeException {
    public PaymentOrderClosed(PaymentOrderId paymentOrderId, PaymentOrder.Status status) {
        super("Payment order " + paymentOrderId + " is " + status + " already.", null, false, false);
    }
}
