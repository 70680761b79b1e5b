package io.ticketing.command.payment.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import jakarta.annotation.PreDestroy;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in payment provider for local use (profile {@code local}): it signs a callback for a payment order
 * with the configured webhook secret and posts it to this app's own webhook, as the real provider would.
 *
 * <p>The callback is posted from a thread of its own, never from the request thread that asked for it: that
 * thread would wait for a webhook request which itself needs a request thread, and with a bounded pool under
 * a flash sale every request thread ended up waiting for one (the command side stopped answering).
 */
@Service
@Profile("local")
public class MockPaymentProvider {
    private final EventStore eventStore;
    private final PaymentProperties properties;
    private final ObjectMapper json;
    private final WebServerApplicationContext server;
    private final RestClient http;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(4, callbackThreads());

    public MockPaymentProvider(EventStore eventStore, PaymentProperties properties, ObjectMapper json,
                               WebServerApplicationContext server) {
        this.eventStore = eventStore;
        this.properties = properties;
        this.json = json;
        this.server = server;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(20));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * Completes with the callback sent and the webhook's status once the webhook has answered. Only the order's
     * owner may settle it: the provider would otherwise let any user pay (or fail) anyone's order. Another user's
     * order is answered like an unknown one (404), so order ids cannot be probed.
     */
    public CompletableFuture<Map<String, Object>> settle(UserId caller, String paymentOrderId, String outcome) throws Exception {
        if (!"PAID".equals(outcome) && !"FAILED".equals(outcome)) {
            throw ProblemException.badRequest("outcome must be PAID or FAILED.");
        }
        PaymentOrderCreated order = eventStore.readEvents(paymentOrderId).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(PaymentOrderCreated.class::isInstance).map(PaymentOrderCreated.class::cast)
                .findFirst()
                .filter(created -> created.userId().equals(caller))
                .orElseThrow(() -> ProblemException.notFound("Payment order " + paymentOrderId));
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("paymentOrderId", paymentOrderId);
        callback.put("paymentKey", "mock-" + UUID.randomUUID());
        callback.put("amount", order.amount().amount());
        callback.put("currency", order.amount().currency());
        callback.put("status", outcome);
        byte[] body = json.writeValueAsBytes(callback);
        return CompletableFuture.supplyAsync(() -> {
            int status = http.post()
                    .uri("http://127.0.0.1:" + server.getWebServer().getPort() + "/api/payments/webhook")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Signature", WebhookSignature.sign(properties.webhookSecret(), body))
                    .body(body)
                    .retrieve().toBodilessEntity().getStatusCode().value();
            callback.put("webhookStatus", status);
            return callback;
        }, callbacks);
    }

    @PreDestroy
    void stop() {
        callbacks.shutdown();
    }

    private static CustomizableThreadFactory callbackThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("mock-provider-callback-");
        threads.setDaemon(true);
        return threads;
    }
}
