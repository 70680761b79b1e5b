package io.ticketing.query.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import io.ticketing.testsupport.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark harness (not part of {@code verify}): how fast is one projection rebuilt from a long history?
 * Puts {@code SEATS} × {@code ROUNDS} seat events (each seat: created, then held and released in turn, held
 * at the end) straight onto the event topic, in the publisher's record format, round by round so a seat's
 * events are spread over the whole history (an even number of rounds ends with every seat held); waits until the live seat map has applied them (the live
 * figure), then rebuilds the seat map with the zero-downtime replay and times it from the request to LIVE.
 * Prints {@code REPLAY BENCHMARK:} lines; asserts only that the rebuilt map has every seat HELD.
 * <p>
 * {@code ./mvnw -B -o -pl query-side -am test -Dbenchmarks.excluded=none -Dgroups=benchmark
 * -Dtest=ProjectionReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (optional
 * {@code -Dbench.seats=100000 -Dbench.rounds=10}: 1,000,000 events).
 */
@Tag("benchmark")
class ProjectionReplayBenchmark {
    private static final int SEATS = Integer.getInteger("bench.seats", 100_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);

    @Test
    void seatMapRebuildRate() throws Exception {
        try (RunningApps apps = new RunningApps()) {
            apps.startQuerySide();
            String admin = TestJwts.admin();
            long events = (long) SEATS * ROUNDS;
            Instant produceStart = Instant.now();
            produce(apps.querySide().getBean(KafkaMessageConverter.class), SEATS, ROUNDS);
            double produceSeconds = seconds(produceStart);
            System.out.printf("REPLAY BENCHMARK: %,d events on the topic in %.1f s%n", events, produceSeconds);

            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> seatMap(apps, admin).get("lagEvents").asLong() == 0
                            && seatMap(apps, admin).get("position").asLong() >= events);
            double liveSeconds = seconds(produceStart);
            System.out.printf("REPLAY BENCHMARK: live seat map applied them %.1f s after the first was produced "
                    + "(%.0f events/s while producing and after)%n", liveSeconds, events / liveSeconds);

            Instant replayStart = Instant.now();
            assertThat(Http.post(apps.queryUrl() + "/api/admin/projections/seat-map/replay", admin, null).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> seatMap(apps, admin).get("status").asText().equals("LIVE"));
            double replaySeconds = seconds(replayStart);
            System.out.printf("REPLAY BENCHMARK: seat-map rebuilt from %,d events in %.1f s = %.0f events/s "
                    + "(request to LIVE, swap included)%n", events, replaySeconds, events / replaySeconds);
            assertThat(seatMap(apps, admin).get("replayError").isNull()).isTrue();
        }
    }

    private static JsonNode seatMap(RunningApps apps, String admin) {
        for (JsonNode projection : Http.get(apps.queryUrl() + "/api/admin/projections", admin).body()) {
            if (projection.get("name").asText().equals("seat-map")) {
                return projection;
            }
        }
        throw new IllegalStateException("no seat-map projection");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void produce(KafkaMessageConverter converter, int seats, int rounds) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        ScheduleId schedule = ScheduleId.random();
        ConcertId concert = ConcertId.random();
        Money price = new Money(50_000, "KRW");
        Instant until = Instant.now().plus(Duration.ofDays(1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < seats; i++) {
                    SeatId seat = new SeatId(schedule, new SeatPosition("A", 1 + i / 1000, 1 + i % 1000));
                    // round 0 creates the seat, odd rounds hold it, even rounds release the last hold
                    Object payload = round == 0 ? new SeatCreated(seat, concert, "R", price)
                            : round % 2 == 1 ? new SeatHeld(seat, reservation(i, round), until)
                            : new SeatReleased(seat, reservation(i, round - 1), SeatReleaseReason.HOLD_CANCELLED);
                    var message = new GenericDomainEventMessage<>("Seat", seat.toString(), round, payload);
                    producer.send((ProducerRecord<String, byte[]>) converter.createKafkaMessage(message, "ticketing.events"));
                }
            }
            producer.flush();
        }
    }

    private static ReservationId reservation(int seat, int round) {
        return new ReservationId("r-" + seat + "-" + round);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
