package io.ticketing.command.payment.api;

import io.ticketing.command.payment.application.PaymentWebhookService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The payment provider's signed callback; no bearer token (the HMAC signature is the authentication). */
@RestController
public class PaymentWebhookController {
    private final PaymentWebhookService webhook;

    public PaymentWebhookController(PaymentWebhookService webhook) {
        this.webhook = webhook;
    }

    /** The raw bytes are taken as sent: the signature covers them exactly. */
    @PostMapping("/api/payments/webhook")
    public void callback(@RequestBody(required = false) byte[] body,
                         @RequestHeader(value = "X-Signature", required = false) String signature) {
        webhook.receive(body == null ? new byte[0] : body, signature);
    }
}
