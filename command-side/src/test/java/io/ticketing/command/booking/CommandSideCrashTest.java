package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.HoldQuotaUsed;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.command.CommandSideApplication;
import io.ticketing.command.reservation.application.BookingProblems;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side killed (SIGKILL of its JVM, a child process started from this test's classpath) while holds
 * stream in from several threads and batches are being committed. Afterwards every hold answered 201 is in the
 * event store, every reservation there is whole (its reservation, quota and seat events all there, or none), and
 * the side restarted on the same store decides from the state the store holds: a held seat is refused, a free one
 * is held.
 */
class CommandSideCrashTest {
    private static final int HOLDERS = 40;
    private static final int SEATS = HOLDERS + 2;
    private static final int THREADS = 4;

    @Test
    void everyAcceptedHoldSurvivesAKillAndTheRestartedSideDecidesFromTheStore() throws Exception {
        int port = freePort();
        IsolatedCommandSide side = IsolatedCommandSide.prepare("writer-crash", Map.of("server.port", port));
        Process child = startChild(side, port);
        Map<String, Answer> answered = new ConcurrentHashMap<>();
        Queue<String> unanswered = new ConcurrentLinkedQueue<>();
        String schedule;
        try {
            BookingClient client = new BookingClient(port);
            await("the child command side is up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .failFast("the child ended", () -> !child.isAlive())
                    .ignoreExceptions().until(() -> client.get("/actuator/health").status() > 0);
            schedule = client.createSchedule(1, SEATS, 1_000);
            Queue<String> holders = new ConcurrentLinkedQueue<>();
            for (int i = 1; i <= HOLDERS; i++) {
                client.admissionToken(holder(i), schedule);
                holders.add(holder(i));
            }
            client.admissionToken("late", schedule);

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            String onSale = schedule;
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    for (String user = holders.poll(); user != null; user = holders.poll()) {
                        try {
                            answered.put(user, client.hold(user, onSale, List.of(seatOf(user))));
                        } catch (RuntimeException e) {
                            unanswered.add(user);
                        }
                    }
                });
            }
            await("some holds accepted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> answered.size() >= HOLDERS / 5);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is dead").isTrue();
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(unanswered).as("the kill came while holds were still being sent").isNotEmpty();
        assertThat(answered.values()).extracting(Answer::status).as("nothing but acceptances before the kill")
                .containsOnly(201);

        side.start();
        try {
            List<Object> history = EventHistory.payloads(side.bean(EventStore.class));
            Set<ReservationId> reservations = new HashSet<>();
            Set<ReservationId> quotaUsed = new HashSet<>();
            Map<ReservationId, List<String>> seatsHeld = new HashMap<>();
            for (Object event : history) {
                if (event instanceof ReservationHeld held) {
                    reservations.add(held.reservationId());
                } else if (event instanceof HoldQuotaUsed used) {
                    quotaUsed.add(used.reservationId());
                } else if (event instanceof SeatHeld held) {
                    seatsHeld.computeIfAbsent(held.reservationId(), r -> new ArrayList<>()).add(held.seatId().position().label());
                }
            }
            answered.forEach((user, hold) -> {
                ReservationId reservation = new ReservationId(hold.string("reservationId"));
                assertThat(reservations).as("201 for %s is in the store", user).contains(reservation);
                assertThat(seatsHeld.get(reservation)).as("%s's seat", user).containsExactly(seatOf(user));
            });
            assertThat(quotaUsed).as("no reservation half there: quota").isEqualTo(reservations);
            assertThat(seatsHeld.keySet()).as("no reservation half there: seats").isEqualTo(reservations);
            TwoInstanceHoldRaceTest.assertNoSeatHeldWhileHeld(history);

            BookingClient restarted = side.client();
            String heldSeat = seatOf(answered.keySet().iterator().next());
            Answer refused = restarted.hold("late", schedule, List.of(heldSeat));
            assertThat(refused.status()).as("a seat held before the kill").isEqualTo(409);
            assertThat(refused.type()).isEqualTo(BookingProblems.SEAT_UNAVAILABLE);
            assertThat(restarted.hold("late", schedule, List.of("A-1-" + SEATS)).status()).as("a free seat").isEqualTo(201);
        } finally {
            side.stop();
        }
    }

    private static String holder(int i) {
        return "holder-" + i;
    }

    private static String seatOf(String user) {
        return "A-1-" + user.substring("holder-".length());
    }

    private static Process startChild(IsolatedCommandSide side, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CommandSideApplication.class.getName()));
        command.addAll(side.arguments());
        Path log = Files.createDirectories(Path.of("target")).resolve("crash-test-child-" + port + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
