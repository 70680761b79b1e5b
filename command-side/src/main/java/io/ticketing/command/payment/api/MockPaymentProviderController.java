package io.ticketing.command.payment.api;

import io.ticketing.command.payment.application.MockPaymentProvider;
import io.ticketing.infra.security.CurrentUser;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Local only: {@code POST /mock-provider/payments/{paymentOrderId}?outcome=PAID|FAILED} settles the caller's own
 * order (another user's: 404). Answered asynchronously, so no request thread waits while the provider calls this
 * app's own webhook.
 */
@RestController
@Profile("local")
public class MockPaymentProviderController {
    private final MockPaymentProvider provider;

    public MockPaymentProviderController(MockPaymentProvider provider) {
        this.provider = provider;
    }

    @PostMapping("/mock-provider/payments/{paymentOrderId}")
    public CompletableFuture<Map<String, Object>> settle(@PathVariable String paymentOrderId,
                                      @RequestParam(defaultValue = "PAID") String outcome) throws Exception {
        return provider.settle(CurrentUser.id(), paymentOrderId, outcome);
    }
}
