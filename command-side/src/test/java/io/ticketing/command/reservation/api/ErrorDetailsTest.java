package io.ticketing.command.reservation.api;

import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.EventHistory;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, point 9, over real HTTP: no exception's message reaches the client (a generic detail for 400s that
 * code refused, while body validation still names its fields), and a confirmed reservation whose show has
 * started is no longer cancelled and refunded (409 {@code urn:ticketing:show-started}).
 */
@CommandSideTest
@Import(ErrorDetailsTest.RefusingCode.class)
// Its own context (for the refusing controller): closed afterwards, so its admitter does not go on admitting the
// other tests' users (their metrics are read from the shared context).
@DirtiesContext
class ErrorDetailsTest {
    private static final String INTERNAL = "column t_events.payload of io.ticketing.Secret";

    @Autowired
    EventStore eventStore;

    @Autowired
    BookingClient client;

    /** Stands for any code that refuses an argument with a message meant for developers. */
    @TestConfiguration
    static class RefusingCode {
        @Bean
        RefusingController refusingController() {
            return new RefusingController();
        }
    }

    @RestController
    static class RefusingController {
        @GetMapping("/api/test/refused-argument")
        String refuse() {
            throw new IllegalArgumentException("cannot map " + INTERNAL);
        }
    }

    @Test
    void anIllegalArgumentIsAGeneric400() {
        Answer answer = client.send("GET", "/api/test/refused-argument", TestJwts.user("curious"), null, Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("urn:ticketing:invalid-request");
        assertThat(answer.text()).doesNotContain(INTERNAL).doesNotContain("cannot map");
    }

    @Test
    void anInvalidSeatIdIsNotEchoedBack() {
        String schedule = client.createSchedule(1, 1, 1000);
        String probe = "<script>x</script>";
        Answer answer = client.hold("echo-" + UUID.randomUUID(), schedule, List.of(probe));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("urn:ticketing:invalid-request");
        assertThat(answer.text()).doesNotContain(probe).doesNotContain("not a seat id:");
    }

    @Test
    void validationErrorsStillNameTheirFields() {
        Answer answer = client.send("POST", "/api/admin/concerts", TestJwts.admin(), """
                {"title":"","venue":"Hall","schedules":[{"startsAt":"2030-01-01T19:00:00Z","salesOpenAt":"2030-01-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"R","price":1,"currency":"KRW","rows":1,"seatsPerRow":1}]}""", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("\"field\":\"title\"");
    }

    @Test
    void aConfirmedReservationCannotBeCancelledOnceItsShowHasStarted() {
        // A show that starts a few seconds from now: time to hold, pay and be confirmed before it starts.
        Instant startsAt = Instant.now().plus(Duration.ofSeconds(20)).truncatedTo(ChronoUnit.MILLIS);
        Answer concert = client.send("POST", "/api/admin/concerts", TestJwts.admin(), """
                {"title":"Matinee","venue":"Hall","schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],
                 "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":2}]}"""
                .formatted(startsAt, Instant.now().minus(Duration.ofHours(1))), Map.of());
        assertThat(concert.status()).as(concert.text()).isEqualTo(201);
        String schedule = concert.firstScheduleId();
        String alice = "late-" + UUID.randomUUID();
        BookingClient.OpenedOrder order = client.holdAndOpenPayment(alice, schedule, List.of("A-1-1"));
        String reservation = order.reservationId();
        assertThat(client.webhook(order.paymentOrderId(), "key-" + UUID.randomUUID(), 1000, "PAID").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> EventHistory.of(eventStore, ReservationConfirmed.class).stream()
                .anyMatch(e -> e.reservationId().value().equals(reservation)));
        assertThat(Instant.now()).as("confirmed before the show").isBefore(startsAt);

        await("the show starts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(startsAt));
        Answer cancelled = client.cancel(alice, reservation);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(409);
        assertThat(cancelled.contentType()).startsWith("application/problem+json");
        assertThat(cancelled.type()).isEqualTo("urn:ticketing:show-started");
        assertThat(EventHistory.of(eventStore, ReservationRefunded.class))
                .noneMatch(e -> e.reservationId().value().equals(reservation));
    }
}
