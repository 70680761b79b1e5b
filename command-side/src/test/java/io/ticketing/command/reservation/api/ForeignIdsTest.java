package io.ticketing.command.reservation.api;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, point 4: aggregates of every type share one id space (and used to share one cache), so an id of one
 * type sent where another is expected must be an unknown id: 404 problem+json, never a 500 with a stack trace.
 * Both ways an aggregate is found are tried: from the cache (the reservation, quota and payment order were just
 * used) and from the event store (the concert is never cached).
 */
@CommandSideTest
class ForeignIdsTest {

    @Autowired
    BookingClient client;

    @Test
    void anIdOfAnotherAggregateTypeIsNotFound() {
        Answer concert = client.createConcert(1, 4, 1000);
        assertThat(concert.status()).isEqualTo(201);
        String concertId = concert.string("concertId");
        String schedule = concert.firstScheduleId();
        String alice = "foreign-" + UUID.randomUUID();
        BookingClient.OpenedOrder opened = client.holdAndOpenPayment(alice, schedule, List.of("A-1-1"));
        String reservationId = opened.reservationId();
        String paymentOrderId = opened.paymentOrderId();
        String quotaId = "holds:" + schedule + ":" + alice;

        for (String foreign : List.of(paymentOrderId, concertId, quotaId)) {
            assertNotFound("DELETE reservation " + foreign, client.cancel(alice, foreign));
            assertNotFound("pay reservation " + foreign, client.pay(alice, foreign));
        }
        for (String foreign : List.of(reservationId, concertId, quotaId)) {
            assertNotFound("webhook for order " + foreign, client.webhook(foreign, "key-" + UUID.randomUUID(), 1000, "PAID"));
        }

        // The real aggregates are untouched by the foreign look-ups: the reservation is still the owner's to release.
        assertThat(client.cancel(alice, reservationId).status()).isEqualTo(202);
    }

    private static void assertNotFound(String what, Answer answer) {
        assertThat(answer.status()).as(what + " → " + answer.text()).isEqualTo(404);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        assertThat(answer.text()).as(what).doesNotContain("Exception").doesNotContain("at io.");
    }
}
