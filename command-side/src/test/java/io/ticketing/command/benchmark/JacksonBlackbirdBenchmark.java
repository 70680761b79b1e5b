package io.ticketing.command.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.reservation.HoldQuotaFreed;
import io.ticketing.api.reservation.HoldQuotaUsed;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.command.reservation.api.ReservationController;
import io.ticketing.command.reservation.application.HoldResponse;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;

/**
 * Benchmark harness (not part of {@code verify}, issue 14 point 7): the Jackson work of one hold + release pair —
 * the hold's body read, its answer written, the pair's six events serialized once by Axon's serializer and read
 * back five times (hold-expiry tracker, Kafka publisher's consumers on the query side ×3, reservation process) —
 * timed in thread CPU, with Spring Boot's ObjectMapper as configured by {@link Jackson2ObjectMapperBuilder}, with and
 * without Jackson's Blackbird module, alternating rounds. Prints µs of CPU per pair for each.
 * {@code ./mvnw -B -o -pl command-side -am test -Dbenchmarks.excluded=none -Dgroups=benchmark -Dtest=JacksonBlackbirdBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class JacksonBlackbirdBenchmark {
    private static final int PAIRS = 200_000;
    private static final int READS_PER_EVENT = 5;

    @Test
    void jacksonCostOfOnePairWithAndWithoutBlackbird() throws Exception {
        ObjectMapper plain = Jackson2ObjectMapperBuilder.json().build();
        ObjectMapper blackbird = Jackson2ObjectMapperBuilder.json().modulesToInstall(new BlackbirdModule()).build();
        Pair withPlain = new Pair(plain);
        Pair withBlackbird = new Pair(blackbird);
        for (int warm = 0; warm < 3; warm++) {
            withPlain.run(PAIRS / 4);
            withBlackbird.run(PAIRS / 4);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long plainNanos = 0;
        long blackbirdNanos = 0;
        for (int round = 0; round < 6; round++) {
            boolean plainFirst = round % 2 == 0;
            for (Pair pair : plainFirst ? List.of(withPlain, withBlackbird) : List.of(withBlackbird, withPlain)) {
                long start = cpu.getCurrentThreadCpuTime();
                pair.run(PAIRS / 6);
                long used = cpu.getCurrentThreadCpuTime() - start;
                if (pair == withPlain) {
                    plainNanos += used;
                } else {
                    blackbirdNanos += used;
                }
            }
        }
        System.out.printf("JACKSON-PER-PAIR plain=%.2fus blackbird=%.2fus ratio=%.3f (pairs=%d, reads per event=%d)%n",
                plainNanos / 1000.0 / PAIRS, blackbirdNanos / 1000.0 / PAIRS, (double) blackbirdNanos / plainNanos,
                PAIRS, READS_PER_EVENT);
    }

    private static final class Pair {
        private final ObjectMapper mapper;
        private final JacksonSerializer serializer;
        private final byte[] holdBody = "{\"seatIds\":[\"A-1-7\"]}".getBytes();
        private final List<Object> events;
        private final HoldResponse answer;
        long sink;

        Pair(ObjectMapper mapper) {
            this.mapper = mapper;
            this.serializer = JacksonSerializer.builder().objectMapper(mapper).build();
            ScheduleId schedule = new ScheduleId("5f0c8a9e-2f7a-4a51-9d57-3f0e0c1d2b3a");
            UserId user = new UserId("fan-123456");
            ReservationId reservation = new ReservationId("0b8f8c5e-7d0e-4d2c-8a44-1e9f3c2b7a66");
            SeatPosition position = SeatPosition.parse("A-1-7");
            Instant until = Instant.parse("2026-12-04T20:00:00Z");
            HoldQuotaId quota = new HoldQuotaId(schedule, user);
            this.events = List.of(new HoldQuotaUsed(quota, reservation),
                    new SeatHeld(new SeatId(schedule, position), reservation, until),
                    new ReservationHeld(reservation, schedule, user, List.of(position), new Money(50000, "KRW"), until),
                    new ReservationCancelled(reservation, schedule, user),
                    new SeatReleased(new SeatId(schedule, position), reservation, SeatReleaseReason.HOLD_CANCELLED),
                    new HoldQuotaFreed(quota, reservation));
            this.answer = new HoldResponse(reservation.value(), "HELD", List.of("A-1-7"), 50000, "KRW", until);
        }

        void run(int pairs) throws Exception {
            for (int i = 0; i < pairs; i++) {
                ReservationController.HoldRequest request = mapper.readValue(holdBody, ReservationController.HoldRequest.class);
                sink += request.seatIds().size();
                sink += mapper.writeValueAsBytes(answer).length;
                for (Object event : events) {
                    SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
                    for (int read = 0; read < READS_PER_EVENT; read++) {
                        Object back = serializer.deserialize(stored);
                        sink += back.hashCode() & 1;
                    }
                }
            }
        }
    }
}
