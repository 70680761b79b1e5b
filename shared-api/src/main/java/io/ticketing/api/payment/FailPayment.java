package io.ticketing.api.payment;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider's signed callback said FAILED. */
public record FailPayment(@TargetAggregateIdentifier PaymentOrderId paymentOrderId, String paymentKey, Money amount) {
}
