package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.BookingClient.Answer;
import io.ticketing.command.support.EventHistory;
import io.ticketing.command.support.IsolatedCommandSide;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side instances on one event store, each with its own writers and caches, and real threads racing
 * holds for the same few seats through both; every accepted hold is released through the other instance, so each
 * instance keeps deciding on seats the other one changed. The event history must never show a seat held while
 * it is held, nor sold twice, and every hold answered 201 must be in it, whole.
 */
class TwoInstanceHoldRaceTest {
    private static final int THREADS_PER_INSTANCE = 3;
    private static final int ROUNDS = 8;
    private static final List<String> SEATS = List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5");

    private record Outcome(String via, Answer hold, List<String> seats) {
    }

    @Test
    void noSeatIsHeldTwiceAndEveryAcceptedHoldIsDurable() throws Exception {
        try (IsolatedCommandSide first = IsolatedCommandSide.start("writer-race", Map.of());
             IsolatedCommandSide second = IsolatedCommandSide.alongside(first, Map.of())) {
            List<BookingClient> instances = List.of(first.client(), second.client());
            String schedule = instances.get(0).createSchedule(1, SEATS.size(), 1_000);
            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            Queue<Answer> unexpected = new ConcurrentLinkedQueue<>();
            int threads = THREADS_PER_INSTANCE * instances.size();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int instance = t % instances.size();
                String user = "racer-" + t;
                Random random = new Random(t);
                // Admitted before the race, so that the race is the holds and not the queue.
                instances.get(instance).admissionToken(user, schedule);
                instances.get(1 - instance).admissionToken(user, schedule);
                racers.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        int from = random.nextInt(SEATS.size() - 1);
                        List<String> seats = SEATS.subList(from, from + 2);
                        Answer hold = instances.get(instance).hold(user, schedule, seats);
                        outcomes.add(new Outcome("instance-" + instance, hold, seats));
                        if (hold.status() == 201) {
                            Answer cancel = instances.get(1 - instance).cancel(user, hold.string("reservationId"));
                            // 409 concurrent-change says "retry" (the contract): a client would, so does the racer
                            for (int retry = 0; retry < 3 && cancel.status() == 409; retry++) {
                                cancel = instances.get(1 - instance).cancel(user, hold.string("reservationId"));
                            }
                            if (cancel.status() != 202) {
                                unexpected.add(cancel);
                            }
                        } else if (hold.status() != 409) {
                            unexpected.add(hold);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> racer : racers) {
                racer.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(unexpected).as("every hold answered 201 or 409, every release 202 (after at most 3 retries of a 409)").isEmpty();
            assertThat(outcomes).filteredOn(o -> o.hold().status() == 201).extracting(Outcome::via)
                    .as("both instances accepted holds").contains("instance-0", "instance-1");

            List<Object> history = EventHistory.payloads(first.bean(EventStore.class));
            assertNoSeatHeldWhileHeld(history);
            Map<ReservationId, List<SeatId>> seatsHeldFor = new HashMap<>();
            List<ReservationId> reservationsHeld = new ArrayList<>();
            for (Object event : history) {
                if (event instanceof SeatHeld held) {
                    seatsHeldFor.computeIfAbsent(held.reservationId(), r -> new ArrayList<>()).add(held.seatId());
                } else if (event instanceof ReservationHeld held) {
                    reservationsHeld.add(held.reservationId());
                }
            }
            for (Outcome accepted : outcomes.stream().filter(o -> o.hold().status() == 201).toList()) {
                ReservationId reservation = new ReservationId(accepted.hold().string("reservationId"));
                assertThat(reservationsHeld).as("201 %s is in the store", reservation).containsOnlyOnce(reservation);
                assertThat(seatsHeldFor.get(reservation)).extracting(s -> s.position().label())
                        .as("every seat of %s was held for it", reservation)
                        .containsExactlyInAnyOrderElementsOf(accepted.seats());
            }
            assertThat(seatsHeldFor.keySet()).as("no seat held for a reservation that was not held")
                    .allSatisfy(r -> assertThat(reservationsHeld).contains(r));
        }
    }

    /** Replays the seats' events in store order: a seat is held only when free, and sold at most once. */
    static void assertNoSeatHeldWhileHeld(List<Object> history) {
        Map<SeatId, ReservationId> holder = new HashMap<>();
        Map<SeatId, Integer> sold = new HashMap<>();
        for (Object event : history) {
            if (event instanceof SeatHeld held) {
                assertThat(holder.get(held.seatId())).as("%s held for %s while held", held.seatId(), held.reservationId())
                        .isNull();
                holder.put(held.seatId(), held.reservationId());
            } else if (event instanceof SeatReleased released) {
                assertThat(holder.get(released.seatId())).as("%s released by its holder", released.seatId())
                        .isEqualTo(released.reservationId());
                holder.remove(released.seatId());
            } else if (event instanceof SeatSold soldSeat) {
                assertThat(holder.get(soldSeat.seatId())).isEqualTo(soldSeat.reservationId());
                assertThat(sold.merge(soldSeat.seatId(), 1, Integer::sum)).as("%s sold once", soldSeat.seatId()).isEqualTo(1);
            }
        }
    }
}
