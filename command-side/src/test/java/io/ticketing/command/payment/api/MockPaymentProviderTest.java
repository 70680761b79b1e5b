package io.ticketing.command.payment.api;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentFailed;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local mock provider (profile {@code local}) signs and posts the webhook like the real provider; elsewhere it does not exist. */
class MockPaymentProviderTest {

    @Test
    void theMockProviderPaysOrFailsAnOrderThroughTheSignedWebhook() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("mockpay", Map.of("spring.profiles.active", "test,local"))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, 2, 30_000);
            String token = TestJwts.user("alice");

            String failing = client.hold("alice", schedule, List.of("A-1-1")).string("reservationId");
            String failedOrder = client.pay("alice", failing).string("paymentOrderId");
            Answer failed = client.send("POST", "/mock-provider/payments/" + failedOrder + "?outcome=FAILED", token, null, Map.of());
            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.body()).containsEntry("webhookStatus", 200).containsEntry("amount", 30_000);
            EventStore eventStore = app.bean(EventStore.class);
            assertThat(EventHistory.of(eventStore, PaymentFailed.class)).extracting(e -> e.paymentOrderId().value()).contains(failedOrder);

            String paidOrder = client.pay("alice", failing).string("paymentOrderId");
            Answer paid = client.send("POST", "/mock-provider/payments/" + paidOrder + "?outcome=PAID", token, null, Map.of());
            assertThat(paid.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> EventHistory.of(eventStore, ReservationConfirmed.class).stream()
                    .anyMatch(e -> e.reservationId().equals(new ReservationId(failing))));
        }
    }

    @Test
    void moreConcurrentSettlementsThanRequestThreadsAllReachTheWebhook() throws Exception {
        // Two request threads, eight settlements at once: a provider that waited on its request thread for its
        // own webhook call would leave no thread to answer that call, and every request would hang.
        int orders = 8;
        try (IsolatedCommandSide app = IsolatedCommandSide.start("mockpool",
                Map.of("spring.profiles.active", "test,local", "server.tomcat.threads.max", "2"))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, orders, 30_000);
            List<String> paymentOrders = new ArrayList<>();
            for (int i = 1; i <= orders; i++) {
                String user = "payer-" + i;
                String reservation = client.hold(user, schedule, List.of("A-1-" + i)).string("reservationId");
                paymentOrders.add(user + " " + client.pay(user, reservation).string("paymentOrderId"));
            }
            ExecutorService payers = Executors.newFixedThreadPool(orders);
            try {
                List<Future<Answer>> answers = new ArrayList<>();
                for (String order : paymentOrders) {
                    String[] userAndOrder = order.split(" ");
                    answers.add(payers.submit(() -> client.send("POST", "/mock-provider/payments/" + userAndOrder[1] + "?outcome=PAID",
                            TestJwts.user(userAndOrder[0]), null, Map.of())));
                }
                for (Future<Answer> answer : answers) {
                    Answer settled = answer.get(60, TimeUnit.SECONDS);
                    assertThat(settled.status()).isEqualTo(200);
                    assertThat(settled.body()).containsEntry("webhookStatus", 200);
                }
            } finally {
                payers.shutdownNow();
            }
            EventStore eventStore = app.bean(EventStore.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> EventHistory.of(eventStore, ReservationConfirmed.class).size() == orders);
        }
    }

    @Test
    void theMockProviderSettlesOnlyTheCallersOwnOrder() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("mockowner", Map.of("spring.profiles.active", "test,local"))) {
            BookingClient client = app.client();
            String schedule = client.createSchedule(1, 1, 30_000);
            String reservation = client.hold("alice", schedule, List.of("A-1-1")).string("reservationId");
            String order = client.pay("alice", reservation).string("paymentOrderId");

            for (String outcome : List.of("PAID", "FAILED")) {
                Answer foreign = client.send("POST", "/mock-provider/payments/" + order + "?outcome=" + outcome,
                        TestJwts.user("mallory"), null, Map.of());
                assertThat(foreign.status()).as(outcome).isEqualTo(404);
                assertThat(foreign.contentType()).startsWith("application/problem+json");
                assertThat(foreign.type()).isEqualTo("urn:ticketing:not-found");
            }
            EventStore eventStore = app.bean(EventStore.class);
            assertThat(EventHistory.of(eventStore, PaymentCompleted.class)).isEmpty();
            assertThat(EventHistory.of(eventStore, PaymentFailed.class)).isEmpty();

            Answer own = client.send("POST", "/mock-provider/payments/" + order + "?outcome=PAID", TestJwts.user("alice"), null, Map.of());
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.body()).containsEntry("webhookStatus", 200);
        }
    }

    @Test
    void withoutTheLocalProfileThereIsNoMockProvider() {
        try (IsolatedCommandSide app = IsolatedCommandSide.start("nomock", Map.of())) {
            Answer answer = app.client().send("POST", "/mock-provider/payments/x?outcome=PAID", TestJwts.user("alice"), null, Map.of());
            assertThat(answer.status()).isEqualTo(404);
        }
    }
}
