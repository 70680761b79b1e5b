package io.ticketing.command.reservation.application;

import java.time.Instant;
import java.util.List;

/** The answer to an accepted hold (also what a repeated Idempotency-Key gets back). */
public record HoldResponse(String reservationId, String status, List<String> seatIds, long totalPrice, String currency,
                           Instant expiresAt) {
}
