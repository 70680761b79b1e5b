package io.ticketing.command.payment.application;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketing.payment.*}.
 *
 * @param webhookSecret the HMAC-SHA256 key the payment provider signs its callbacks with
 *                      (environment {@code TICKETING_WEBHOOK_SECRET})
 */
@Validated
@ConfigurationProperties("ticketing.payment")
public record PaymentProperties(@NotBlank String webhookSecret) {
}
