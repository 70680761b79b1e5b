package io.ticketing.command.payment.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in payment provider for local use (profile {@code local}): it signs a callback for a payment order
 * with the configured webhook secret and posts it to this app's own webhook, as the real provider would.
 */
@Service
@Profile("local")
public class MockPaymentProvider {
    private final EventStore eventStore;
    private final PaymentProperties properties;
    private final ObjectMapper json;
    private final WebServerApplicationContext server;

    public MockPaymentProvider(EventStore eventStore, PaymentProperties properties, ObjectMapper json,
                               WebServerApplicationContext server) {
        this.eventStore = eventStore;
        this.properties = properties;
        this.json = json;
        this.server = server;
    }

    public Map<String, Object> settle(String paymentOrderId, String outcome) throws Exception {
        if (!"PAID".equals(outcome) && !"FAILED".equals(outcome)) {
            throw ProblemException.badRequest("outcome must be PAID or FAILED.");
        }
        PaymentOrderCreated order = eventStore.readEvents(paymentOrderId).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PaymentOrderCreated.class::isInstance).map(PaymentOrderCreated.class::cast)
                .findFirst().orElseThrow(() -> ProblemException.notFound("Payment order " + paymentOrderId));
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("paymentOrderId", paymentOrderId);
        callback.put("paymentKey", "mock-" + UUID.randomUUID());
        callback.put("amount", order.amount().amount());
        callback.put("currency", order.amount().currency());
        callback.put("status", outcome);
        byte[] body = json.writeValueAsBytes(callback);
        int status = RestClient.create().post()
                .uri("http://127.0.0.1:" + server.getWebServer().getPort() + "/api/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Signature", WebhookSignature.sign(properties.webhookSecret(), body))
                .body(body)
                .retrieve().toBodilessEntity().getStatusCode().value();
        callback.put("webhookStatus", status);
        return callback;
    }
}
