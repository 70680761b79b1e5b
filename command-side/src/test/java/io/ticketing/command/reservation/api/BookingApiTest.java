package io.ticketing.command.reservation.api;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.CommandSideTest;
import io.ticketing.command.support.EventHistory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Holds, payments, the webhook, confirmation through Kafka and cancellation over real HTTP, checked in the event store. */
@CommandSideTest
class BookingApiTest {
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.ticketing.command.reservation.application.IdempotentRequests requests;
    @Autowired
    io.ticketing.infra.admission.RedisWaitingRoom waitingRoom;
    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;
    @Autowired
    io.ticketing.command.admission.application.AdmissionTokens admissionTokens;
    @org.springframework.beans.factory.annotation.Value("${ticketing.queue.key-prefix}")
    String queuePrefix;

    @Autowired
    BookingClient client;
    String schedule;

    @BeforeEach
    void setUp() {
        schedule = client.createSchedule(2, 5, 50_000);
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return EventHistory.of(eventStore, type);
    }

    @Test
    void aHoldTakesEverySeatAndAnswersWithThePriceAndExpiry() {
        long deadlines = jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class);
        Answer held = client.hold(user(), schedule, List.of("A-1-1", "A-1-2"));

        assertThat(held.status()).isEqualTo(201);
        assertThat(held.body()).containsEntry("status", "HELD").containsEntry("totalPrice", 100_000)
                .containsEntry("currency", "KRW").containsEntry("seatIds", List.of("A-1-1", "A-1-2"));
        Instant expiresAt = Instant.parse(held.string("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));
        ReservationId reservation = new ReservationId(held.string("reservationId"));
        assertThat(eventsOf(SeatHeld.class)).filteredOn(e -> e.reservationId().equals(reservation)).hasSize(2);
        assertThat(eventsOf(ReservationHeld.class)).filteredOn(e -> e.reservationId().equals(reservation)).hasSize(1);
        // its expiry is kept in memory (rebuilt from the event store at start-up): nothing is written for it
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class)).isEqualTo(deadlines);
    }

    @Test
    void anOverlappingHoldIsRefusedWholeAndNamesOnlyTheTakenSeats() {
        assertThat(client.hold(user(), schedule, List.of("A-1-3")).status()).isEqualTo(201);
        long before = events();

        Answer refused = client.hold(user(), schedule, List.of("A-1-4", "A-1-3", "A-1-5"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.type()).isEqualTo("urn:ticketing:seat-unavailable");
        assertThat(refused.body()).containsEntry("seatIds", List.of("A-1-3"));
        assertThat(events()).isEqualTo(before);
        // nothing of the refused order stays held
        assertThat(client.hold(user(), schedule, List.of("A-1-4", "A-1-5")).status()).isEqualTo(201);
    }

    @Test
    void aUserHasOneActiveHoldPerScheduleUntilItEnds() {
        String alice = user();
        Answer first = client.hold(alice, schedule, List.of("A-2-1"));
        assertThat(first.status()).isEqualTo(201);

        Answer second = client.hold(alice, schedule, List.of("A-2-2"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.type()).isEqualTo("urn:ticketing:hold-limit");

        assertThat(client.cancel(alice, first.string("reservationId")).status()).isEqualTo(202);
        assertThat(client.hold(alice, schedule, List.of("A-2-2")).status()).isEqualTo(201);
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() {
        String alice = user();
        String otherSchedule = UUID.randomUUID().toString();
        long before = events();

        // Nobody is admitted to a schedule that does not exist: the admission gate refuses before anything else.
        assertProblem(client.hold(alice, otherSchedule, List.of("A-1-1")), 403, "urn:ticketing:not-admitted");
        assertProblem(client.hold(alice, schedule, List.of("A-1-1", "Z-9-9")), 404, "urn:ticketing:seat-not-found");
        assertProblem(client.hold(alice, schedule, List.of("A-1-1", "A-1-1")), 400, "urn:ticketing:invalid-request");
        assertProblem(client.hold(alice, schedule, List.of()), 400, "urn:ticketing:invalid-request");
        assertProblem(client.hold(alice, schedule, List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5")), 400, "urn:ticketing:invalid-request");
        assertProblem(client.hold(alice, schedule, List.of("not-a-seat")), 400, "urn:ticketing:invalid-request");
        assertProblem(client.holdRaw(alice, schedule, "{\"seatIds\":", null), 400, "urn:ticketing:malformed-request");
        assertProblem(client.holdRaw(alice, schedule, "{}", null), 400, "urn:ticketing:invalid-request");
        assertProblem(client.holdRaw(alice, schedule, "{\"seatIds\":\"A-1-1\"}", null), 400, "urn:ticketing:malformed-request");
        assertProblem(client.pay(alice, UUID.randomUUID().toString()), 404, "urn:ticketing:not-found");
        assertProblem(client.cancel(alice, UUID.randomUUID().toString()), 404, "urn:ticketing:not-found");

        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anotherUsersReservationIsNotFound() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-3")).string("reservationId");
        long before = events();

        assertProblem(client.pay("mallory", reservation), 404, "urn:ticketing:not-found");
        assertProblem(client.cancel("mallory", reservation), 404, "urn:ticketing:not-found");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndHoldsNothingMore() {
        String alice = user();
        String key = UUID.randomUUID().toString();
        Answer first = client.hold(alice, schedule, List.of("A-2-4"), key);
        long after = events();

        Answer again = client.hold(alice, schedule, List.of("A-2-4"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events()).isEqualTo(after);
        // a refusal is an answer too, and it is replayed as well
        String bob = user();
        Answer refused = client.hold(bob, schedule, List.of("A-2-4"), key);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(client.hold(bob, schedule, List.of("A-2-4"), key).body()).isEqualTo(refused.body());
    }

    @Test
    void anIdempotencyKeyIsBoundToItsRequest() {
        String alice = user();
        String key = UUID.randomUUID().toString();
        Answer first = client.hold(alice, schedule, List.of("A-1-1"), key);
        assertThat(first.status()).isEqualTo(201);
        long after = events();

        // the same key with other seats, or for another endpoint: not the request the key answered
        assertProblem(client.hold(alice, schedule, List.of("A-1-2"), key), 422, "urn:ticketing:idempotency-key-reused");
        assertProblem(client.hold(alice, schedule, List.of("A-1-1", "A-1-2"), key), 422, "urn:ticketing:idempotency-key-reused");
        assertProblem(client.pay(alice, first.string("reservationId"), key), 422, "urn:ticketing:idempotency-key-reused");

        assertThat(events()).isEqualTo(after);
        assertThat(client.hold(alice, schedule, List.of("A-1-1"), key).body()).as("its own request still gets its answer")
                .isEqualTo(first.body());
        assertThat(client.hold(user(), schedule, List.of("A-1-2")).status()).as("A-1-2 was never held").isEqualTo(201);
    }

    @Test
    void aKeyWhoseFirstRequestDiedIsTakenOverByARetryAfterTheLease() {
        String alice = user();
        String operation = "hold:" + schedule;
        String fingerprint = requests.fingerprint(operation, List.of("A-1-4"));
        // the marker a first request leaves when its process dies between claiming the key and answering
        String crashed = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO idempotent_request (user_id, idempotency_key, operation, request_hash, attempt, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?)", alice, crashed, operation, fingerprint, UUID.randomUUID().toString(),
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(2))));
        // and one of a first request that is still running (younger than the lease)
        String running = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO idempotent_request (user_id, idempotency_key, operation, request_hash, attempt, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?)", alice, running, operation, fingerprint, UUID.randomUUID().toString(),
                java.sql.Timestamp.from(Instant.now()));

        assertProblem(client.hold(alice, schedule, List.of("A-1-4"), running), 409, "urn:ticketing:request-in-progress");
        Answer retry = client.hold(alice, schedule, List.of("A-1-4"), crashed);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.body()).containsEntry("status", "HELD").containsEntry("seatIds", List.of("A-1-4"));
        assertThat(client.hold(alice, schedule, List.of("A-1-4"), crashed).body()).as("answered once, replayed after")
                .isEqualTo(retry.body());
        ReservationId id = new ReservationId(retry.string("reservationId"));
        assertThat(eventsOf(ReservationHeld.class)).filteredOn(e -> e.reservationId().equals(id)).hasSize(1);
    }

    @Test
    void aPaidOrderConfirmsTheReservationThroughKafkaAndSellsItsSeats() {
        String alice = user();
        Answer held = client.hold(alice, schedule, List.of("A-1-1", "A-1-2"));
        String reservation = held.string("reservationId");

        Answer order = client.pay(alice, reservation);
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.body()).containsEntry("status", "READY").containsEntry("amount", 100_000)
                .containsEntry("currency", "KRW").containsEntry("reservationId", reservation);
        String orderId = order.string("paymentOrderId");

        assertProblem(client.webhook(orderId, "key-1", 100_000, "PAID", "wrong-secret"), 401, "urn:ticketing:bad-signature");
        assertProblem(client.webhook(orderId, "key-1", 99_000, "PAID"), 409, "urn:ticketing:amount-mismatch");
        assertProblem(client.webhook(UUID.randomUUID().toString(), "key-1", 100_000, "PAID"), 404, "urn:ticketing:not-found");
        assertProblem(client.send("POST", "/api/payments/webhook", null, "{\"paymentOrderId\":",
                java.util.Map.of("X-Signature", BookingClient.sign(BookingClient.WEBHOOK_SECRET, "{\"paymentOrderId\":"))),
                400, "urn:ticketing:malformed-request");
        assertProblem(client.send("POST", "/api/payments/webhook", null, "{}", java.util.Map.of()), 401, "urn:ticketing:bad-signature");
        assertThat(client.webhook(orderId, "key-1", 100_000, "PAID").status()).isEqualTo(200);
        assertThat(client.webhook(orderId, "key-1", 100_000, "PAID").status()).isEqualTo(200);

        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(ReservationConfirmed.class)).filteredOn(e -> e.reservationId().equals(id))
                    .singleElement().extracting(ReservationConfirmed::paymentOrderId).isEqualTo(new PaymentOrderId(orderId));
            assertThat(eventsOf(SeatSold.class)).filteredOn(e -> e.reservationId().equals(id)).hasSize(2);
        });
        assertThat(eventsOf(PaymentCompleted.class)).filteredOn(e -> e.paymentOrderId().value().equals(orderId)).hasSize(1);
        // sold seats are taken; a confirmed reservation no longer counts as an active hold
        assertProblem(client.hold(user(), schedule, List.of("A-1-2")), 409, "urn:ticketing:seat-unavailable");
        assertThat(client.hold(alice, schedule, List.of("A-1-3")).status()).isEqualTo(201);
    }

    @Test
    void aFailedPaymentCancelsTheOrderAndTheHoldStays() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-1-4")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");

        assertThat(client.webhook(orderId, "key-f", 50_000, "FAILED").status()).isEqualTo(200);
        assertThat(client.webhook(orderId, "key-f", 50_000, "FAILED").status()).isEqualTo(200);
        assertProblem(client.webhook(orderId, "key-other", 50_000, "PAID"), 409, "urn:ticketing:payment-closed");

        assertThat(eventsOf(PaymentFailed.class)).filteredOn(e -> e.paymentOrderId().value().equals(orderId)).hasSize(1);
        // still held: another order can be opened and paid
        Answer retry = client.pay(alice, reservation);
        assertThat(retry.status()).isEqualTo(201);
        assertProblem(client.hold(user(), schedule, List.of("A-1-4")), 409, "urn:ticketing:seat-unavailable");
    }

    @Test
    void cancellingAHoldReleasesItsSeats() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-1", "A-2-2")).string("reservationId");

        assertThat(client.cancel(alice, reservation).status()).isEqualTo(202);

        ReservationId id = new ReservationId(reservation);
        assertThat(eventsOf(ReservationCancelled.class)).filteredOn(e -> e.reservationId().equals(id)).hasSize(1);
        assertThat(eventsOf(SeatReleased.class)).filteredOn(e -> e.reservationId().equals(id))
                .hasSize(2).allSatisfy(e -> assertThat(e.reason()).isEqualTo(SeatReleaseReason.HOLD_CANCELLED));
        assertProblem(client.cancel(alice, reservation), 409, "urn:ticketing:not-cancellable");
        assertProblem(client.pay(alice, reservation), 409, "urn:ticketing:hold-expired");
        assertThat(client.hold(user(), schedule, List.of("A-2-1", "A-2-2")).status()).isEqualTo(201);
    }

    @Test
    void cancellingAConfirmedReservationRefundsItAndFreesTheSeats() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-5")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");
        client.webhook(orderId, "key-c", 50_000, "PAID");
        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                eventsOf(ReservationConfirmed.class).stream().anyMatch(e -> e.reservationId().equals(id)));

        assertThat(client.cancel(alice, reservation).status()).isEqualTo(202);

        assertThat(eventsOf(ReservationRefunded.class)).filteredOn(e -> e.reservationId().equals(id)).hasSize(1);
        assertThat(eventsOf(PaymentRefunded.class)).filteredOn(e -> e.reservationId().equals(id))
                .singleElement().extracting(PaymentRefunded::reason).isEqualTo(RefundReason.RESERVATION_CANCELLED);
        assertThat(eventsOf(SeatReleased.class)).filteredOn(e -> e.reservationId().equals(id))
                .singleElement().extracting(SeatReleased::reason).isEqualTo(SeatReleaseReason.SALE_REFUNDED);
        assertThat(client.hold(user(), schedule, List.of("A-2-5")).status()).isEqualTo(201);
    }

    @Test
    void aPaymentThatArrivesAfterTheHoldEndedIsRefundedAndNeverBecomesASeat() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-1-5")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");
        assertThat(client.cancel(alice, reservation).status()).isEqualTo(202);

        assertThat(client.webhook(orderId, "key-late", 50_000, "PAID").status()).isEqualTo(200);

        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(PaymentRefunded.class))
                .filteredOn(e -> e.reservationId().equals(id))
                .singleElement().extracting(PaymentRefunded::reason).isEqualTo(RefundReason.PAID_AFTER_HOLD_ENDED));
        assertThat(eventsOf(SeatSold.class)).noneMatch(e -> e.reservationId().equals(id));
        assertThat(eventsOf(ReservationConfirmed.class)).noneMatch(e -> e.reservationId().equals(id));
    }

    @Test
    void aPaidCallbackForThePaymentReportedFailedIsRefundedAndNeverBecomesASeat() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-1-3")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");
        assertThat(client.webhook(orderId, "key-ff", 50_000, "FAILED").status()).isEqualTo(200);

        // the provider corrects itself: the payment it reported FAILED was taken after all
        assertThat(client.webhook(orderId, "key-ff", 50_000, "PAID").status()).isEqualTo(200);
        assertThat(client.webhook(orderId, "key-ff", 50_000, "PAID").status()).as("a repeat").isEqualTo(200);

        assertThat(eventsOf(PaymentRefunded.class)).filteredOn(e -> e.paymentOrderId().value().equals(orderId))
                .singleElement().extracting(PaymentRefunded::reason).isEqualTo(RefundReason.PAID_AFTER_ORDER_CLOSED);
        assertThat(eventsOf(PaymentCompleted.class)).noneMatch(e -> e.paymentOrderId().value().equals(orderId));
        ReservationId id = new ReservationId(reservation);
        assertThat(eventsOf(ReservationConfirmed.class)).noneMatch(e -> e.reservationId().equals(id));
        // the hold itself is untouched: still the holder's, payable with a new order
        assertThat(client.pay(alice, reservation).status()).isEqualTo(201);
        assertProblem(client.hold(user(), schedule, List.of("A-1-3")), 409, "urn:ticketing:seat-unavailable");
    }

    @Test
    void aPaidCallbackWithANewKeyForAClosedOrderIsRefusedEveryTimeAndNothingIsRecorded() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-4")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");
        assertThat(client.webhook(orderId, "key-a", 50_000, "PAID").status()).isEqualTo(200);
        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                eventsOf(ReservationConfirmed.class).stream().anyMatch(e -> e.reservationId().equals(id)));
        assertThat(client.cancel(alice, reservation).status()).isEqualTo(202); // refunded: the order is CANCELLED
        long before = events();

        // another payment for the closed order: refused, so the provider must not keep it; its retries get the same
        assertProblem(client.webhook(orderId, "key-b", 50_000, "PAID"), 409, "urn:ticketing:payment-closed");
        assertProblem(client.webhook(orderId, "key-b", 50_000, "PAID"), 409, "urn:ticketing:payment-closed");
        // the first payment again: applied (and refunded) once already
        assertThat(client.webhook(orderId, "key-a", 50_000, "PAID").status()).isEqualTo(200);

        assertThat(events()).isEqualTo(before);
        assertThat(eventsOf(PaymentRefunded.class)).filteredOn(e -> e.paymentOrderId().value().equals(orderId))
                .singleElement().extracting(PaymentRefunded::reason).isEqualTo(RefundReason.RESERVATION_CANCELLED);
    }

    @Test
    void aPaymentOrderOpenedWhileAdmittedIsConfirmedAfterTheAdmissionIsGone() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-3")).string("reservationId");
        String orderId = client.pay(alice, reservation).string("paymentOrderId");

        // the admission slot ends, then Redis restarts and forgets the schedule's waiting room altogether
        waitingRoom.release(schedule, alice);
        redis.delete(redis.keys(queuePrefix + ":" + schedule + ":*"));

        // the hold's own expiresAt is what counts: it is still running, so the payment becomes the seat
        assertThat(client.webhook(orderId, "key-gone", 50_000, "PAID").status()).isEqualTo(200);
        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsOf(ReservationConfirmed.class)).anyMatch(e -> e.reservationId().equals(id));
            assertThat(eventsOf(SeatSold.class)).filteredOn(e -> e.reservationId().equals(id)).hasSize(1);
        });
    }

    /**
     * Needs the admission gate changed (issue 18, point 6; the gate is rewritten on another branch): on the
     * payment-order path the gate checks only that the admission token is well signed and the caller's, not its
     * expiry nor the slot in Redis (nor asks Redis at all). Whether the hold can still be paid is decided where the
     * order is opened: the holder's own HELD reservation, before its expiresAt.
     */
    @Test
    void aRunningHoldCanBePaidForAfterItsAdmissionIsGone() {
        String alice = user();
        String reservation = client.hold(alice, schedule, List.of("A-2-2")).string("reservationId");
        waitingRoom.release(schedule, alice);
        redis.delete(redis.keys(queuePrefix + ":" + schedule + ":*"));
        // the admission token the client still has; its admission has ended (and the token with it)
        String ended = admissionTokens.issue(alice, schedule, Instant.now().minusSeconds(1));

        // sent directly: BookingClient.pay would queue again when refused
        Answer order = client.send("POST", "/api/reservations/" + reservation + "/payments",
                io.ticketing.testsupport.TestJwts.user(alice), null, java.util.Map.of("X-Admission-Token", ended));

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(client.webhook(order.string("paymentOrderId"), "key-late-admission", 50_000, "PAID").status()).isEqualTo(200);
        ReservationId id = new ReservationId(reservation);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                eventsOf(ReservationConfirmed.class).stream().anyMatch(e -> e.reservationId().equals(id)));
    }

    @Test
    void firstAnswersAreKeptForTheRetentionAndPurgedAfterIt() {
        String alice = user();
        String key = UUID.randomUUID().toString();
        assertThat(client.hold(alice, schedule, List.of("A-2-2"), key).status()).isEqualTo(201);
        jdbc.update("INSERT INTO idempotent_request (user_id, idempotency_key, operation, status, body, created_at) "
                + "VALUES ('old-user', 'old-key', 'hold:x', 201, '{}', ?)", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(25))));

        requests.purgeExpired();

        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where user_id = 'old-user'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where user_id = ?", Long.class, alice)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'idempotency-purge'", Long.class))
                .as("the purge is a recurring db-scheduler task").isEqualTo(1);
    }

    @Test
    void bookingMetricsAreExported() {
        String alice = user();
        client.hold(alice, schedule, List.of("A-1-1"));
        client.hold(user(), schedule, List.of("A-1-1"));
        client.hold(alice, schedule, List.of("A-1-2"));
        client.hold(alice, schedule, List.of());
        Answer metrics = client.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("ticketing_holds_total{application=\"command-side\",outcome=\"accepted\"}",
                "outcome=\"seat-unavailable\"", "outcome=\"hold-limit\"", "outcome=\"invalid\"",
                "ticketing_oversell_guard_refusals_total", "ticketing_reservations_confirmed_total",
                "ticketing_reservations_expired_total", "ticketing_reservations_cancelled_total", "ticketing_refunds_total",
                "ticketing_payments_total{application=\"command-side\",status=\"PAID\"}");
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.type()).as(answer.toString()).isEqualTo(type);
    }
}
