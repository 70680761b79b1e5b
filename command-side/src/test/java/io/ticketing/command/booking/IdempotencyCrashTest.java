package io.ticketing.command.booking;

import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, point 4: the command side dies right after the COMMIT of a keyed hold (and, in a second run, of a keyed
 * payment order), before it answers anybody — the moment when an answer stored after the fact is not stored yet
 * ({@link HaltAfterCommit}: a child JVM halted from inside its transaction manager). After a restart on the same
 * store the key's answer is there, naming what was committed, and a retry with the key — long after the lease — gets
 * that answer: nothing is held or opened a second time for one key.
 */
class IdempotencyCrashTest {

    @Test
    void aKeyedHoldOrPaymentOrderCommittedJustBeforeACrashIsAnsweredOnceAndNeverRepeated() throws Exception {
        int port = freePort();
        // A lease far shorter than the restart: the retries below come after it, when a marker without answer is taken over.
        IsolatedCommandSide side = IsolatedCommandSide.prepare("idem-crash",
                Map.of("server.port", port, "ticketing.booking.idempotency-lease", "1s"));
        String holder = HaltAfterCommit.HOLD_USERS + UUID.randomUUID();
        String payer = HaltAfterCommit.PAY_USERS + UUID.randomUUID();
        String holdKey = UUID.randomUUID().toString();
        String payKey = UUID.randomUUID().toString();
        String schedule;
        String payersReservation;

        Process child = startChild(side, port);
        try {
            BookingClient client = up(child, port);
            schedule = client.createSchedule(1, 4, 1_000);
            Answer payersHold = client.hold(payer, schedule, List.of("A-1-2"));
            assertThat(payersHold.status()).as(payersHold.toString()).isEqualTo(201);
            payersReservation = payersHold.string("reservationId");
            String onSale = schedule;
            assertThatThrownBy(() -> client.hold(holder, onSale, List.of("A-1-1"), holdKey))
                    .as("the side died before answering the keyed hold").isInstanceOf(IllegalStateException.class);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("halted after the commit").isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }

        child = startChild(side, port);
        try {
            BookingClient client = up(child, port);
            String reservation = payersReservation;
            assertThatThrownBy(() -> client.pay(payer, reservation, payKey))
                    .as("the side died before answering the keyed payment order").isInstanceOf(IllegalStateException.class);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("halted after the commit").isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }

        side.start();
        try {
            EventStore events = side.bean(EventStore.class);
            JdbcTemplate jdbc = side.bean(JdbcTemplate.class);
            BookingClient restarted = side.client();

            List<ReservationHeld> holds = holdsOf(events, holder);
            assertThat(holds).as("the keyed hold committed before the crash").hasSize(1);
            String held = holds.get(0).reservationId().value();
            Answer retry = restarted.hold(holder, schedule, List.of("A-1-1"), holdKey);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
            assertThat(retry.string("reservationId")).as("the committed hold is the key's answer").isEqualTo(held);
            assertThat(holdsOf(events, holder)).as("held once for one key").hasSize(1);
            assertThat(jdbc.queryForObject("select status from idempotent_request where user_id = ? and idempotency_key = ?",
                    Integer.class, holder, holdKey)).as("the hold's answer committed with it").isEqualTo(201);

            List<PaymentOrderCreated> orders = ordersOf(events, payersReservation);
            assertThat(orders).as("the keyed payment order committed before the crash").hasSize(1);
            String opened = orders.get(0).paymentOrderId().value();
            Answer payAgain = restarted.pay(payer, payersReservation, payKey);
            assertThat(payAgain.status()).as(payAgain.toString()).isEqualTo(201);
            assertThat(payAgain.string("paymentOrderId")).as("the committed order is the key's answer").isEqualTo(opened);
            assertThat(ordersOf(events, payersReservation)).as("opened once for one key").hasSize(1);
            assertThat(jdbc.queryForObject("select status from idempotent_request where user_id = ? and idempotency_key = ?",
                    Integer.class, payer, payKey)).as("the payment order's answer committed with it").isEqualTo(201);
        } finally {
            side.stop();
        }
    }

    private static List<ReservationHeld> holdsOf(EventStore events, String user) {
        return EventHistory.of(events, ReservationHeld.class).stream().filter(e -> e.userId().value().equals(user)).toList();
    }

    private static List<PaymentOrderCreated> ordersOf(EventStore events, String reservation) {
        return EventHistory.of(events, PaymentOrderCreated.class).stream()
                .filter(e -> e.reservationId().value().equals(reservation)).toList();
    }

    private static BookingClient up(Process child, int port) {
        BookingClient client = new BookingClient(port);
        await("the child command side is up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast("the child ended", () -> !child.isAlive())
                .ignoreExceptions().until(() -> client.get("/actuator/health").status() > 0);
        return client;
    }

    private static Process startChild(IsolatedCommandSide side, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HaltAfterCommit.class.getName()));
        command.addAll(side.arguments());
        Path log = Files.createDirectories(Path.of("target")).resolve("idempotency-crash-child-" + port + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
