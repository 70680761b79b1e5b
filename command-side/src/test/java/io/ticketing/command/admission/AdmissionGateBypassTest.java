package io.ticketing.command.admission;

import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.EventHistory;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, point 1: the admission gate cannot be skipped by spelling the path differently. Every variant of
 * the hold and payment paths is sent over real HTTP without an admission token: it is either refused by the
 * gate (403 not-admitted) or never reaches a handler (400 from the firewall, 404/405 from the dispatcher), every
 * answer the application gives is problem+json, and none of them holds a seat or opens a payment order.
 */
@CommandSideTest
class AdmissionGateBypassTest {
    /** Answers that show the request did not get past the gate to a handler. */
    private static final Set<Integer> NOT_HANDLED = Set.of(400, 404, 405);

    @Autowired
    EventStore eventStore;
    @Autowired
    BookingClient client;

    @Test
    void noSpellingOfTheHoldPathSkipsTheGate() {
        String schedule = client.createSchedule(1, 4, 1000);
        String user = "bypass-hold-" + UUID.randomUUID();
        // The gate knows this schedule (the queue is open to it): only a missing token stands in the way.
        assertThat(client.hold("someone-else-" + UUID.randomUUID(), schedule, List.of("A-1-4")).status()).isEqualTo(201);
        String encodedSchedule = "%" + Integer.toHexString(schedule.charAt(0)) + schedule.substring(1);

        List<String> variants = List.of(
                "/api/schedules/" + schedule + "/holds",
                "/api/schedules/" + schedule + "/hold%73",
                "/api/schedules/" + schedule + "/%68olds",
                "/api/schedules/" + schedule + "/%68%6F%6C%64%73",
                "/api/schedules/" + encodedSchedule + "/holds",
                "/api/schedules/" + schedule + "/holds/",
                "/api/schedules/" + schedule + "/holds//",
                "/api/schedules/" + schedule + "//holds",
                "/api//schedules/" + schedule + "/holds",
                "//api/schedules/" + schedule + "/holds",
                "/api/schedules/" + schedule + "/holds;x=1",
                "/api/schedules/" + schedule + ";x=1/holds",
                "/api/schedules;x=1/" + schedule + "/holds",
                "/api/schedules/" + schedule + "/holds;jsessionid=1",
                "/api/schedules/" + schedule + "/HOLDS",
                "/api/schedules/" + schedule + "/Holds",
                "/API/schedules/" + schedule + "/holds",
                "/api/schedules/" + schedule + "/./holds",
                "/api/schedules/" + schedule + "/x/../holds",
                "/api/schedules/" + schedule + "/holds%2F",
                "/api/schedules/" + schedule + "%2Fholds",
                "/api/schedules/" + schedule + "/holds.json",
                "/api/schedules/" + schedule + "/holds%20",
                "/api/schedules/" + schedule + "/holds%00");
        assertEveryVariantRefused(variants, user, "{\"seatIds\":[\"A-1-1\"]}");
        assertThat(EventHistory.of(eventStore, ReservationHeld.class))
                .as("no hold was taken by anyone but the admitted user")
                .noneMatch(held -> held.userId().value().equals(user));
    }

    @Test
    void noSpellingOfThePaymentPathSkipsTheGate() {
        String schedule = client.createSchedule(1, 2, 1000);
        String user = "bypass-pay-" + UUID.randomUUID();
        Answer held = client.hold(user, schedule, List.of("A-1-1"));
        assertThat(held.status()).as(held.text()).isEqualTo(201);
        String reservation = held.string("reservationId");

        List<String> variants = List.of(
                "/api/reservations/" + reservation + "/payments",
                "/api/reservations/" + reservation + "/payment%73",
                "/api/reservations/" + reservation + "/%70ayments",
                "/api/reservations/" + reservation + "/payments/",
                "/api/reservations/" + reservation + "//payments",
                "/api//reservations/" + reservation + "/payments",
                "/api/reservations/" + reservation + "/payments;x=1",
                "/api/reservations/" + reservation + ";x=1/payments",
                "/api/reservations/" + reservation + "/PAYMENTS",
                "/api/Reservations/" + reservation + "/payments",
                "/api/reservations/" + reservation + "/./payments",
                "/api/reservations/" + reservation + "/payments%2F",
                "/api/reservations/" + reservation + "/payments.json");
        assertEveryVariantRefused(variants, user, null);
        assertThat(EventHistory.of(eventStore, PaymentOrderCreated.class))
                .as("no payment order was opened for the reservation")
                .noneMatch(created -> created.reservationId().value().equals(reservation));
    }

    /** Every one of these paths, posted by the user with the body, is refused (all checked, then reported). */
    private void assertEveryVariantRefused(List<String> variants, String user, String body) {
        SoftAssertions softly = new SoftAssertions();
        for (String path : variants) {
            Answer answer = client.send("POST", path, TestJwts.user(user), body, Map.of());
            assertRefused(softly, path, answer);
        }
        softly.assertAll();
    }

    private static void assertRefused(SoftAssertions softly, String path, Answer answer) {
        if (answer.status() == 403) {
            softly.assertThat(answer.type()).as(path + " → " + answer.text()).isEqualTo("urn:ticketing:not-admitted");
            softly.assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        } else {
            softly.assertThat(answer.status()).as(path + " → " + answer.status() + " " + answer.text()).isIn(NOT_HANDLED);
            // Tomcat itself refuses an encoded slash or NUL (a bare 400 page, before any of the application runs);
            // everything that reaches the application is answered as problem+json.
            boolean refusedByTomcat = answer.status() == 400 && answer.contentType() != null
                    && answer.contentType().startsWith("text/html");
            if (!refusedByTomcat) {
                softly.assertThat(answer.contentType()).as(path + " → " + answer.text()).startsWith("application/problem+json");
            }
        }
    }
}
