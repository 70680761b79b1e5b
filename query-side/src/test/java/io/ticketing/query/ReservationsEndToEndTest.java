package io.ticketing.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side of booking: the seat map shows HELD, SOLD and AVAILABLE again, and each user sees their own
 * reservations with their payment, newest first, and nobody else's. The events are appended to the command
 * side's event store as the booking aggregates append them, and travel the real pipeline (Kafka, projections).
 */
class ReservationsEndToEndTest {
    private static final String CONCERT = """
            {"title":"Booking Night","venue":"Hall",
             "schedules":[{"startsAt":"2027-03-01T19:00:00Z","salesOpenAt":"2027-02-01T10:00:00Z"}],
             "sections":[{"name":"A","grade":"R","price":50000,"currency":"KRW","rows":1,"seatsPerRow":6}]}""";
    @RegisterExtension
    static final RunningApps apps = new RunningApps();
    private static ScheduleId schedule;
    private static final UserId ALICE = new UserId("alice-" + java.util.UUID.randomUUID());
    private static final UserId BOB = new UserId("bob-" + java.util.UUID.randomUUID());

    /** Each test books on a schedule of its own. */
    @BeforeEach
    void newSchedule() {
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), CONCERT);
        schedule = new ScheduleId(created.body().get("scheduleIds").get(0).asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> seatMap().status() == 200);
    }

    @Test
    void aReservationIsShownToItsOwnerThroughItsWholeLife() {
        Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        ReservationId first = ReservationId.random();
        hold(first, ALICE, expires, "A-1-1", "A-1-2");
        awaitReservation(ALICE, first, r -> {
            assertThat(r.get("status").asText()).isEqualTo("HELD");
            assertThat(r.get("scheduleId").asText()).isEqualTo(schedule.value());
            assertThat(r.get("userId").asText()).isEqualTo(ALICE.value());
            assertThat(r.get("seatIds")).extracting(JsonNode::asText).containsExactly("A-1-1", "A-1-2");
            assertThat(r.get("totalPrice").asLong()).isEqualTo(100000);
            assertThat(r.get("currency").asText()).isEqualTo("KRW");
            assertThat(Instant.parse(r.get("expiresAt").asText())).isEqualTo(expires);
            assertThat(r.get("payment").isNull()).isTrue();
        });
        awaitSeats(Map.of("A-1-1", "HELD", "A-1-2", "HELD", "A-1-3", "AVAILABLE"), 4, 2, 0);

        // Another user's reservation is answered as if it did not exist.
        Http.Response foreign = Http.get(apps.queryUrl() + "/api/reservations/" + first.value(), TestJwts.user(BOB.value()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.body().get("type").asText()).isEqualTo("urn:ticketing:reservation-not-found");
        assertThat(Http.get(apps.queryUrl() + "/api/reservations/" + ReservationId.random().value(),
                TestJwts.user(ALICE.value())).status()).isEqualTo(404);

        PaymentOrderId payment = PaymentOrderId.random();
        publish(new GenericDomainEventMessage<>("PaymentOrder", payment.value(), 0,
                new PaymentOrderCreated(payment, first, ALICE, new Money(100000, "KRW"))));
        awaitReservation(ALICE, first, r -> {
            assertThat(r.get("payment").get("paymentOrderId").asText()).isEqualTo(payment.value());
            assertThat(r.get("payment").get("status").asText()).isEqualTo("READY");
        });
        publish(new GenericDomainEventMessage<>("PaymentOrder", payment.value(), 1,
                        new PaymentCompleted(payment, first, "pay-1", new Money(100000, "KRW"))),
                new GenericDomainEventMessage<>("Reservation", first.value(), 1,
                        new ReservationConfirmed(first, schedule, ALICE, payment)),
                seatEvent("A-1-1", 2, new SeatSold(seat("A-1-1"), first)),
                seatEvent("A-1-2", 2, new SeatSold(seat("A-1-2"), first)));
        awaitReservation(ALICE, first, r -> {
            assertThat(r.get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(r.get("payment").get("status").asText()).isEqualTo("PAID");
        });
        awaitSeats(Map.of("A-1-1", "SOLD", "A-1-2", "SOLD"), 4, 0, 2);

        // A second hold that expires.
        ReservationId second = ReservationId.random();
        hold(second, ALICE, expires, "A-1-3");
        awaitSeats(Map.of("A-1-3", "HELD"), 3, 1, 2);
        publish(new GenericDomainEventMessage<>("Reservation", second.value(), 1, new ReservationExpired(second, schedule, ALICE)),
                seatEvent("A-1-3", 2, new SeatReleased(seat("A-1-3"), second, SeatReleaseReason.HOLD_EXPIRED)));
        awaitReservation(ALICE, second, r -> assertThat(r.get("status").asText()).isEqualTo("EXPIRED"));
        awaitSeats(Map.of("A-1-3", "AVAILABLE"), 4, 0, 2);

        Http.Response mine = Http.get(apps.queryUrl() + "/api/me/reservations", TestJwts.user(ALICE.value()));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().findValuesAsText("reservationId")).containsExactly(second.value(), first.value());
        assertThat(Http.get(apps.queryUrl() + "/api/me/reservations", TestJwts.user("nobody-" + first.value())).body()).isEmpty();
        // Admins see every reservation of the schedule (oldest first); users may not.
        String ofSchedule = apps.queryUrl() + "/api/admin/schedules/" + schedule.value() + "/reservations";
        assertThat(Http.get(ofSchedule, TestJwts.admin()).body().findValuesAsText("reservationId"))
                .containsExactly(first.value(), second.value());
        assertThat(Http.get(ofSchedule, TestJwts.user(ALICE.value())).status()).isEqualTo(403);

        // The confirmed one is cancelled with a refund: seats AVAILABLE, reservation REFUNDED, payment CANCELLED.
        publish(new GenericDomainEventMessage<>("Reservation", first.value(), 2,
                        new ReservationRefunded(first, schedule, ALICE, payment, new Money(100000, "KRW"))),
                new GenericDomainEventMessage<>("PaymentOrder", payment.value(), 2,
                        new PaymentRefunded(payment, first, new Money(100000, "KRW"), RefundReason.RESERVATION_CANCELLED)),
                seatEvent("A-1-1", 3, new SeatReleased(seat("A-1-1"), first, SeatReleaseReason.SALE_REFUNDED)),
                seatEvent("A-1-2", 3, new SeatReleased(seat("A-1-2"), first, SeatReleaseReason.SALE_REFUNDED)));
        awaitReservation(ALICE, first, r -> {
            assertThat(r.get("status").asText()).isEqualTo("REFUNDED");
            assertThat(r.get("payment").get("status").asText()).isEqualTo("CANCELLED");
        });
        awaitSeats(Map.of("A-1-1", "AVAILABLE", "A-1-2", "AVAILABLE"), 6, 0, 0);
    }

    /**
     * A reservation's and its payment order's events travel on different partitions, so the projection may
     * see the payment first; the end state is the same.
     */
    @Test
    void paymentEventsSeenBeforeTheirReservationGiveTheSameEndState() {
        ReservationId reservation = ReservationId.random();
        PaymentOrderId payment = PaymentOrderId.random();
        publish(new GenericDomainEventMessage<>("PaymentOrder", payment.value(), 0,
                        new PaymentOrderCreated(payment, reservation, BOB, new Money(50000, "KRW"))),
                new GenericDomainEventMessage<>("PaymentOrder", payment.value(), 1,
                        new PaymentCompleted(payment, reservation, "pay-2", new Money(50000, "KRW"))));
        publish(new GenericDomainEventMessage<>("Reservation", reservation.value(), 0,
                        new ReservationHeld(reservation, schedule, BOB, List.of(SeatPosition.parse("A-1-6")),
                                new Money(50000, "KRW"), Instant.now().plusSeconds(300))),
                new GenericDomainEventMessage<>("Reservation", reservation.value(), 1,
                        new ReservationConfirmed(reservation, schedule, BOB, payment)));
        awaitReservation(BOB, reservation, r -> {
            assertThat(r.get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(r.get("payment").get("paymentOrderId").asText()).isEqualTo(payment.value());
            assertThat(r.get("payment").get("status").asText()).isEqualTo("PAID");
        });
    }

    /** Rebuilt from the beginning (after its rows were damaged), the reservations read model equals the live one. */
    @Test
    void theReservationsProjectionRebuildsToTheSameReadModel() {
        ReservationId reservation = ReservationId.random();
        hold(reservation, BOB, Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.MILLIS), "A-1-5");
        awaitReservation(BOB, reservation, r -> assertThat(r.get("status").asText()).isEqualTo("HELD"));
        String admin = TestJwts.admin();
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(apps.queryUrl() + "/api/admin/projections", admin)
                .body().findValues("lagEvents").stream().allMatch(lag -> lag.asLong() == 0));
        JdbcTemplate read = RunningApps.database(TestEnvironment.READ_DB);
        List<Map<String, Object>> reservations = read.queryForList("select * from reservation_view order by reservation_id");
        List<Map<String, Object>> payments = read.queryForList("select * from payment_order_view order by payment_order_id");
        read.update("update reservation_view set status = 'TAMPERED'");
        read.update("delete from payment_order_view");

        assertThat(Http.post(apps.queryUrl() + "/api/admin/projections/reservations/replay", admin, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = Http.get(apps.queryUrl() + "/api/admin/projections", admin).body();
            assertThat(status.findValuesAsText("status")).containsOnly("LIVE");
            assertThat(read.queryForList("select * from reservation_view order by reservation_id")).isEqualTo(reservations);
            assertThat(read.queryForList("select * from payment_order_view order by payment_order_id")).isEqualTo(payments);
        });
    }

    private static void hold(ReservationId reservation, UserId user, Instant expires, String... labels) {
        List<SeatPosition> seats = java.util.Arrays.stream(labels).map(SeatPosition::parse).toList();
        List<GenericDomainEventMessage<?>> events = new java.util.ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Reservation", reservation.value(), 0, new ReservationHeld(reservation,
                schedule, user, seats, new Money(50000L * seats.size(), "KRW"), expires)));
        for (String label : labels) {
            events.add(seatEvent(label, nextSeatSequence(label), new SeatHeld(seat(label), reservation, expires)));
        }
        publish(events.toArray(GenericDomainEventMessage[]::new));
    }

    /** The next sequence number of a seat aggregate: its last stored one plus one. */
    private static long nextSeatSequence(String label) {
        return apps.commandSide().getBean(EventStore.class).lastSequenceNumberFor(seat(label).toString()).orElse(-1L) + 1;
    }

    private static GenericDomainEventMessage<?> seatEvent(String label, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Seat", seat(label).toString(), sequence, payload);
    }

    private static SeatId seat(String label) {
        return SeatId.of(schedule, label);
    }

    private static void publish(GenericDomainEventMessage<?>... events) {
        apps.commandSide().getBean(EventStore.class).publish(List.of(events));
    }

    private static Http.Response seatMap() {
        return Http.get(apps.queryUrl() + "/api/schedules/" + schedule.value() + "/seats", TestJwts.user("viewer"));
    }

    private static void awaitReservation(UserId owner, ReservationId id, java.util.function.Consumer<JsonNode> check) {
        // An answer without the expected members yet (a problem body) is "not yet", not a failure: a
        // NullPointerException from reading it would otherwise end the wait at once.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(NullPointerException.class).untilAsserted(() -> {
            Http.Response response = Http.get(apps.queryUrl() + "/api/reservations/" + id.value(), TestJwts.user(owner.value()));
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            check.accept(response.body());
        });
    }

    private static void awaitSeats(Map<String, String> statuses, long available, long held, long sold) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(NullPointerException.class).untilAsserted(() -> {
            JsonNode map = seatMap().body();
            for (JsonNode seat : map.get("seats")) {
                String expected = statuses.get(seat.get("seatId").asText());
                if (expected != null) {
                    assertThat(seat.get("status").asText()).as(seat.get("seatId").asText()).isEqualTo(expected);
                }
            }
            assertThat(map.get("counts").get("available").asLong()).isEqualTo(available);
            assertThat(map.get("counts").get("held").asLong()).isEqualTo(held);
            assertThat(map.get("counts").get("sold").asLong()).isEqualTo(sold);
        });
    }
}
