package io.ticketing.query;

import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestDatabases;
import io.ticketing.testsupport.TestJwts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Never oversold, proven against the real app: 500 users on 500 real threads hold random overlapping sets of
 * 1–4 of 50 seats over HTTP at once; a third of the holders pay (signed webhook, confirmed through Kafka), a
 * third cancel, a third let the hold expire. Then the event store's whole history is replayed seat by seat:
 * no seat was ever held or sold by two reservations at once, and the final write model is consistent.
 */
class OversellRaceTest {
    private static final Logger log = LoggerFactory.getLogger(OversellRaceTest.class);
    private static final int USERS = 500;
    private static final int ROWS = 5;
    private static final int SEATS_PER_ROW = 10;
    private static final long PRICE = 10_000;

    @Test
    void fiveHundredUsersRacingForFiftySeatsNeverShareOne() throws Exception {
        // Databases and a topic of its own: the history below is this race's and nothing else's.
        String topic = "ticketing.events.race-" + TestDatabases.runId();
        try (RunningApps apps = new RunningApps(Map.of(
                "spring.datasource.url", TestDatabases.jdbcUrl(TestDatabases.name("race_events")),
                "ticketing.kafka.topic.name", topic,
                "ticketing.booking.hold-ttl", "3s",
                "ticketing.payment.webhook-secret", BookingClient.WEBHOOK_SECRET,
                "db-scheduler.polling-interval", "200ms",
                "spring.datasource.hikari.maximum-pool-size", "20"), Map.of(
                "spring.datasource.url", TestDatabases.jdbcUrl(TestDatabases.name("race_read")),
                "ticketing.kafka.topic.name", topic)).startBoth()) {
            BookingClient client = new BookingClient(java.net.URI.create(apps.commandUrl()).getPort());
            String schedule = client.createSchedule(ROWS, SEATS_PER_ROW, PRICE);
            List<String> allSeats = new ArrayList<>();
            for (int row = 1; row <= ROWS; row++) {
                for (int n = 1; n <= SEATS_PER_ROW; n++) {
                    allSeats.add("A-" + row + "-" + n);
                }
            }

            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> holdNanos = new ConcurrentLinkedQueue<>();
            Map<Integer, AtomicLong> holdStatuses = new ConcurrentHashMap<>();
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Set<String> paid = ConcurrentHashMap.newKeySet();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String user = "racer-" + u;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        race(client, schedule, user, allSeats, unexpected, holdNanos, holdStatuses, accepted, paid);
                    } catch (Throwable e) {
                        unexpected.add(user + ": " + e);
                    }
                }, user);
                thread.start();
                users.add(thread);
            }
            long began = System.nanoTime();
            start.countDown();
            for (Thread thread : users) {
                thread.join(Duration.ofMinutes(3).toMillis());
            }
            long elapsed = System.nanoTime() - began;

            List<Long> sorted = new ArrayList<>(holdNanos);
            Collections.sort(sorted);
            long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
            log.info("RACE: {} hold requests ({}) by {} users in {} ms: {} holds/s, p95 {} ms, p50 {} ms (the users also paid/cancelled meanwhile)",
                    sorted.size(), holdStatuses, USERS, elapsed / 1_000_000, String.format("%.0f", sorted.size() / (elapsed / 1e9)),
                    p95 / 1_000_000, sorted.get(sorted.size() / 2) / 1_000_000);
            System.out.printf("RACE RESULT holds=%d statuses=%s wallMs=%d rate=%.0f/s p95Ms=%.1f p50Ms=%.1f%n", sorted.size(), holdStatuses,
                    elapsed / 1_000_000, sorted.size() / (elapsed / 1e9), p95 / 1e6, sorted.get(sorted.size() / 2) / 1e6);

            assertThat(unexpected).as("answers other than the contract allows").isEmpty();
            assertThat(holdStatuses.keySet()).isSubsetOf(201, 409);
            assertThat(accepted).isNotEmpty();

            EventStore eventStore = apps.commandSide().getBean(EventStore.class);
            // Let every hold end (expiry deadlines) and every payment be confirmed or refunded through Kafka.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Object> history = EventHistory.payloads(eventStore);
                Set<ReservationId> ended = new HashSet<>();
                Set<PaymentOrderId> settled = new HashSet<>();
                Set<PaymentOrderId> completed = new HashSet<>();
                for (Object e : history) {
                    if (e instanceof ReservationConfirmed c) {
                        ended.add(c.reservationId());
                        settled.add(c.paymentOrderId());
                    } else if (e instanceof ReservationExpired x) {
                        ended.add(x.reservationId());
                    } else if (e instanceof ReservationCancelled c) {
                        ended.add(c.reservationId());
                    } else if (e instanceof PaymentRefunded r) {
                        settled.add(r.paymentOrderId());
                    } else if (e instanceof PaymentCompleted p) {
                        completed.add(p.paymentOrderId());
                    }
                }
                assertThat(ended).containsAll(accepted.stream().map(ReservationId::new).toList());
                assertThat(settled).containsAll(completed);
            });

            List<Object> history = EventHistory.payloads(eventStore);
            Map<SeatId, ReservationId> holder = new HashMap<>();
            Map<SeatId, String> state = new HashMap<>();
            Map<ReservationId, ReservationHeld> reservations = new HashMap<>();
            Map<ReservationId, String> outcome = new HashMap<>();
            for (Object e : history) {
                if (e instanceof SeatHeld h) {
                    assertThat(holder.get(h.seatId())).as("seat %s held by %s while %s has it", h.seatId(), h.reservationId(), holder.get(h.seatId())).isNull();
                    holder.put(h.seatId(), h.reservationId());
                    state.put(h.seatId(), "HELD");
                } else if (e instanceof SeatSold s) {
                    assertThat(holder.get(s.seatId())).as("seat %s sold to %s", s.seatId(), s.reservationId()).isEqualTo(s.reservationId());
                    assertThat(state.get(s.seatId())).isEqualTo("HELD");
                    state.put(s.seatId(), "SOLD");
                } else if (e instanceof SeatReleased r) {
                    assertThat(holder.get(r.seatId())).as("seat %s released by %s", r.seatId(), r.reservationId()).isEqualTo(r.reservationId());
                    holder.remove(r.seatId());
                    state.put(r.seatId(), "AVAILABLE");
                } else if (e instanceof ReservationHeld h) {
                    reservations.put(h.reservationId(), h);
                    outcome.put(h.reservationId(), "HELD");
                } else if (e instanceof ReservationConfirmed c) {
                    assertThat(outcome.get(c.reservationId())).isEqualTo("HELD");
                    outcome.put(c.reservationId(), "CONFIRMED");
                } else if (e instanceof ReservationExpired x) {
                    assertThat(outcome.get(x.reservationId())).isEqualTo("HELD");
                    outcome.put(x.reservationId(), "EXPIRED");
                } else if (e instanceof ReservationCancelled c) {
                    assertThat(outcome.get(c.reservationId())).isEqualTo("HELD");
                    outcome.put(c.reservationId(), "CANCELLED");
                }
            }
            assertThat(reservations.keySet()).as("every 201 is a reservation, and only those")
                    .containsExactlyInAnyOrderElementsOf(accepted.stream().map(ReservationId::new).toList());
            // The final write model: a seat is SOLD exactly when its reservation is CONFIRMED; nothing stays held.
            assertThat(state.values()).doesNotContain("HELD");
            Map<ReservationId, List<SeatId>> soldTo = holder.entrySet().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            outcome.forEach((reservation, status) -> {
                List<SeatId> seats = reservations.get(reservation).seats().stream()
                        .map(p -> new SeatId(reservations.get(reservation).scheduleId(), p)).toList();
                if (status.equals("CONFIRMED")) {
                    assertThat(soldTo.get(reservation)).containsExactlyInAnyOrderElementsOf(seats);
                } else {
                    assertThat(soldTo).doesNotContainKey(reservation);
                }
            });
            long confirmed = outcome.values().stream().filter("CONFIRMED"::equals).count();
            log.info("RACE: {} reservations held, {} confirmed, {} paid, final seats sold {}", reservations.size(), confirmed,
                    paid.size(), state.values().stream().filter("SOLD"::equals).count());
            assertThat(confirmed).isPositive();

            // The read models agree with the write model: every seat's status, every reservation's outcome.
            Map<String, String> seatStates = new HashMap<>();
            state.forEach((seat, status) -> seatStates.put(seat.label(), status));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Http.Response map = Http.get(apps.queryUrl() + "/api/schedules/" + schedule + "/seats", TestJwts.user("viewer"));
                assertThat(map.status()).isEqualTo(200);
                Map<String, String> shown = new HashMap<>();
                map.body().get("seats").forEach(seat -> shown.put(seat.get("seatId").asText(), seat.get("status").asText()));
                for (String seat : allSeats) {
                    assertThat(shown.get(seat)).as("seat map: %s", seat).isEqualTo(seatStates.getOrDefault(seat, "AVAILABLE"));
                }
                assertThat(map.body().get("counts").get("sold").asLong())
                        .isEqualTo(state.values().stream().filter("SOLD"::equals).count());
                for (Map.Entry<ReservationId, String> entry : outcome.entrySet()) {
                    ReservationHeld held = reservations.get(entry.getKey());
                    Http.Response shownReservation = Http.get(apps.queryUrl() + "/api/reservations/" + entry.getKey().value(),
                            TestJwts.user(held.userId().value()));
                    assertThat(shownReservation.status()).as("reservation %s", entry.getKey()).isEqualTo(200);
                    assertThat(shownReservation.body().get("status").asText()).as("reservation %s", entry.getKey())
                            .isEqualTo(entry.getValue());
                }
            });
        }
    }

    private static void race(BookingClient client, String schedule, String user, List<String> allSeats,
                             ConcurrentLinkedQueue<String> unexpected, ConcurrentLinkedQueue<Long> holdNanos,
                             Map<Integer, AtomicLong> holdStatuses, Set<String> accepted, Set<String> paid) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 3; attempt++) {
            List<String> shuffled = new ArrayList<>(allSeats);
            Collections.shuffle(shuffled, random);
            List<String> wanted = shuffled.subList(0, 1 + random.nextInt(4));
            long t0 = System.nanoTime();
            Answer held = client.hold(user, schedule, wanted);
            holdNanos.add(System.nanoTime() - t0);
            holdStatuses.computeIfAbsent(held.status(), s -> new AtomicLong()).incrementAndGet();
            if (held.status() == 409) {
                if (!"urn:ticketing:seat-unavailable".equals(held.type())) {
                    unexpected.add(user + " hold: " + held);
                }
                continue;
            }
            if (held.status() != 201) {
                unexpected.add(user + " hold: " + held);
                return;
            }
            String reservation = held.string("reservationId");
            accepted.add(reservation);
            switch (random.nextInt(3)) {
                case 0 -> {
                    Answer order = client.pay(user, reservation);
                    if (order.status() == 201) {
                        Answer callback = client.webhook(order.string("paymentOrderId"), "pk-" + user,
                                ((Number) order.body().get("amount")).longValue(), "PAID");
                        if (callback.status() != 200) {
                            unexpected.add(user + " webhook: " + callback);
                        }
                        paid.add(reservation);
                    } else if (order.status() != 409) {
                        unexpected.add(user + " pay: " + order);
                    }
                }
                case 1 -> {
                    Answer cancelled = client.cancel(user, reservation);
                    if (cancelled.status() != 202 && cancelled.status() != 409) {
                        unexpected.add(user + " cancel: " + cancelled);
                    }
                }
                default -> {
                    // lets the hold expire
                }
            }
            return;
        }
    }
}
