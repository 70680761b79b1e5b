package io.ticketing.command;

import io.ticketing.command.support.IsolatedCommandSide;
import io.ticketing.command.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that trickles in holds a request thread while it is read: its whole reading is bounded by
 * {@code ticketing.web.request-body-timeout}, however regularly the bytes come (each wait stays under Tomcat's
 * connection timeout, so that alone would never end it).
 */
class SlowUploadTest {

    @Test
    void aBodyThatTricklesInPastTheBodyTimeoutIsCutOffWith408() throws Exception {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("slowbody", Map.of("ticketing.web.request-body-timeout", "1s"))) {
            byte[] body = "{\"paymentOrderId\":\"x\",\"paymentKey\":\"k\",\"amount\":1,\"currency\":\"KRW\",\"status\":\"PAID\"}"
                    .getBytes(StandardCharsets.UTF_8);
            // One byte every 200 ms: 100 bytes would take 20 s; each pause is far below the 10 s connection timeout.
            RawHttp.Answer answer = RawHttp.exchange(app.port(), """
                    POST /api/payments/webhook HTTP/1.1
                    Host: localhost
                    Content-Type: application/json
                    X-Signature: sha256=00
                    Content-Length: %d
                    """.formatted(body.length), out -> {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                }
            }, Duration.ofSeconds(30));
            assertThat(answer.status()).as(answer.body()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json()).containsEntry("type", "urn:ticketing:request-timeout");
            assertThat(answer.took()).as("cut off near the 1 s deadline, not after the whole body").isLessThan(Duration.ofSeconds(5));
        }
    }
}
