package io.ticketing.api.payment;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider's signed callback said PAID. */
public record CompletePayment(@TargetAggregateIdentifier PaymentOrderId paymentOrderId, String paymentKey, Money amount) {
}
