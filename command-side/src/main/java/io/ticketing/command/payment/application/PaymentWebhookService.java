package io.ticketing.command.payment.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.payment.CompletePayment;
import io.ticketing.api.payment.FailPayment;
import io.ticketing.command.reservation.application.BookingProblems;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.IOException;

/**
 * The payment provider's callback: the signature is checked over the raw bytes before anything is parsed;
 * PAID completes the order, FAILED cancels it. A repeat with the same payment key changes nothing.
 */
@Service
public class PaymentWebhookService {
    public record Callback(String paymentOrderId, String paymentKey, Long amount, String currency, String status) {
    }

    private final CommandGateway commands;
    private final ObjectMapper json;
    private final PaymentProperties properties;
    private final MeterRegistry meters;

    public PaymentWebhookService(CommandGateway commands, ObjectMapper json, PaymentProperties properties, MeterRegistry meters) {
        this.commands = commands;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    public void receive(byte[] body, String signature) {
        if (!WebhookSignature.verify(properties.webhookSecret(), body, signature)) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "urn:ticketing:bad-signature", "Bad signature",
                    "X-Signature does not match the body.");
        }
        Callback callback;
        try {
            callback = json.readValue(body, Callback.class);
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "urn:ticketing:malformed-request", "Malformed request",
                    "The callback is not valid JSON of the expected shape.");
        }
        if (callback.paymentOrderId() == null || callback.paymentKey() == null || callback.amount() == null
                || callback.currency() == null || callback.status() == null) {
            throw ProblemException.badRequest("paymentOrderId, paymentKey, amount, currency and status are required.");
        }
        Money amount;
        try {
            amount = new Money(callback.amount(), callback.currency());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("amount and currency are not a valid amount of money.");
        }
        PaymentOrderId orderId = new PaymentOrderId(callback.paymentOrderId());
        Object command = switch (callback.status()) {
            case "PAID" -> new CompletePayment(orderId, callback.paymentKey(), amount);
            case "FAILED" -> new FailPayment(orderId, callback.paymentKey(), amount);
            default -> throw ProblemException.badRequest("status must be PAID or FAILED.");
        };
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            ProblemException problem = BookingProblems.translate(e, null);
            throw problem == null ? e : problem;
        }
    }
}
