package io.ticketing.query;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.projections.ProjectionNames;
import io.ticketing.query.projection.application.ProjectionAdmin;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline loses nothing and doubles nothing: more than 20,000 events over 3 partitions while the
 * query side is stopped and started twice mid-stream and the command side (the publisher) is restarted
 * once; at the end every read model equals the event store, seat by seat. Then every projection is
 * rebuilt from the beginning and must come out equal to the one built live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIntegrityTest {
    private static final int CONCERTS = 20;
    private static final int ROWS = 20;
    private static final int SEATS_PER_ROW = 25;
    private static final int SCHEDULES = 2;
    private static final int EVENTS_PER_CONCERT = 1 + SCHEDULES * ROWS * SEATS_PER_ROW;

    @RegisterExtension
    static final RunningApps apps = new RunningApps();
    private static final JdbcTemplate events = RunningApps.database(TestEnvironment.EVENTS_DB);
    private static final JdbcTemplate read = RunningApps.database(TestEnvironment.READ_DB);

    private static long seatCreatedInStore() {
        return events.queryForObject("select count(*) from domain_event_entry where payload_type like '%SeatCreated'", Long.class);
    }

    private static long seatsInReadModel() {
        return read.queryForObject("select count(*) from seat_view", Long.class);
    }

    @Test
    @Order(1)
    void everyEventReachesTheReadModelsThroughRestarts() throws Exception {
        long before = events.queryForObject("select count(*) from domain_event_entry", Long.class);
        // The writer appends one concert (1,001 events in one transaction) per permit, so the test decides
        // where in the stream each restart falls.
        Semaphore permits = new Semaphore(0);
        AtomicInteger written = new AtomicInteger();
        Instant writeStart = Instant.now();
        CompletableFuture<Instant> writer = CompletableFuture.supplyAsync(() -> {
            while (written.get() < CONCERTS) {
                permits.acquireUninterruptibly();
                while (true) {
                    try {
                        apps.commandSide().getBean(CommandGateway.class).sendAndWait(concert());
                        written.incrementAndGet();
                        break;
                    } catch (RuntimeException e) {
                        // The command side is restarting: whatever was committed is in the store and must be
                        // projected; whatever was not is simply not there. Try again on the new instance.
                        await().atMost(Duration.ofSeconds(60)).until(() -> apps.commandSide() != null
                                && apps.commandSide().isRunning());
                    }
                }
            }
            return Instant.now();
        });

        // First stop of the read side, while it is catching up.
        permits.release(6);
        await().atMost(Duration.ofSeconds(60)).until(() -> seatsInReadModel() >= 1_000);
        apps.stopQuerySide();
        long atFirstStop = seatsInReadModel();
        assertThat(atFirstStop).as("stopped mid-stream").isLessThan(seatCreatedInStore());
        permits.release(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 10);
        apps.startQuerySide();

        // Second stop, again mid-stream.
        await().atMost(Duration.ofSeconds(60)).until(() -> seatsInReadModel() > atFirstStop + 1_000);
        apps.stopQuerySide();
        long atSecondStop = seatsInReadModel();
        assertThat(atSecondStop).as("stopped mid-stream").isLessThan(seatCreatedInStore());

        // The publisher is restarted while commands are being appended.
        permits.release(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 11);
        apps.stopCommandSide();
        long storedAtPublisherStop = events.queryForObject("select count(*) from domain_event_entry", Long.class);
        long publishedAtPublisherStop = topicEndOffsets();
        apps.startCommandSide();
        apps.startQuerySide();
        permits.release(CONCERTS);

        Instant writeEnd = writer.get();
        long appended = events.queryForObject("select count(*) from domain_event_entry", Long.class) - before;
        assertThat(appended).isGreaterThanOrEqualTo(20_000);

        long expectedSeats = seatCreatedInStore();
        Instant convergedAt = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> seatsInReadModel() == expectedSeats ? Instant.now() : null, java.util.Objects::nonNull);

        // Seat by seat: every seat of the event store is in the seat map with the seat's last sequence
        // number, and nothing else is.
        Map<String, Long> storeSeats = new HashMap<>();
        events.query("select aggregate_identifier, max(sequence_number) from domain_event_entry where type = 'Seat' "
                + "group by aggregate_identifier", rs -> {
            storeSeats.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, Long> readSeats = new HashMap<>();
        read.query("select seat_key, last_sequence from seat_view", rs -> {
            readSeats.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(readSeats).isEqualTo(storeSeats);

        Set<String> storeConcerts = new HashSet<>(events.queryForList(
                "select aggregate_identifier from domain_event_entry where type = 'Concert'", String.class));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new HashSet<>(
                read.queryForList("select concert_id from concert_view", String.class))).isEqualTo(storeConcerts));
        assertThat(read.queryForObject("select count(*) from schedule_view", Long.class))
                .isEqualTo(storeConcerts.size() * (long) SCHEDULES);

        // The topic holds every stored event (at least once) over all three partitions.
        Map<String, Integer> copies = topicMessageIds();
        Set<String> storedIds = new HashSet<>(events.queryForList("select event_identifier from domain_event_entry", String.class));
        assertThat(copies.keySet()).containsAll(storedIds);
        long doubled = copies.values().stream().filter(n -> n > 1).count();

        double seconds = Duration.between(writeStart, writeEnd).toMillis() / 1000.0;
        System.out.printf("PIPELINE: appended %d events in %.1f s (%.0f events/s, including two read-side restarts "
                        + "and one command-side restart); read models converged %d ms after the last append; "
                        + "seat rows at the stops: %d and %d of %d; publisher stopped with %d of %d stored events published; "
                        + "events published more than once: %d%n",
                appended, seconds, appended / seconds, Duration.between(writeEnd, convergedAt).toMillis(),
                atFirstStop, atSecondStop, expectedSeats, publishedAtPublisherStop, storedAtPublisherStop, doubled);
    }

    @Test
    @Order(2)
    void everyProjectionRebuiltFromTheBeginningEqualsTheLiveOne() {
        List<Map<String, Object>> liveSeats = read.queryForList("select * from seat_view order by seat_key");
        List<Map<String, Object>> liveConcerts = read.queryForList("select * from concert_view order by concert_id");
        List<Map<String, Object>> liveSchedules = read.queryForList("select * from schedule_view order by schedule_id");
        assertThat(liveSeats).hasSizeGreaterThanOrEqualTo(CONCERTS * SCHEDULES * ROWS * SEATS_PER_ROW);

        // Damage the live read models first: only a rebuild from the events puts these rows back.
        assertThat(read.update("update seat_view set grade = 'TAMPERED' limit 11")).isEqualTo(11);
        assertThat(read.update("delete from concert_view limit 1")).isEqualTo(1);
        assertThat(read.update("delete from schedule_view limit 1")).isEqualTo(1);
        ProjectionAdmin replay = apps.querySide().getBean(ProjectionAdmin.class);
        for (String projection : ProjectionNames.ALL) {
            replay.replay(projection);
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(read.queryForList("select * from seat_view order by seat_key")).isEqualTo(liveSeats);
            assertThat(read.queryForList("select * from concert_view order by concert_id")).isEqualTo(liveConcerts);
            assertThat(read.queryForList("select * from schedule_view order by schedule_id")).isEqualTo(liveSchedules);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                ProjectionNames.ALL.forEach(p -> assertThat(replay.isReplaying(p)).as(p).isFalse()));
    }

    private static CreateConcert concert() {
        List<ScheduleDetails> schedules = java.util.stream.IntStream.range(0, SCHEDULES)
                .mapToObj(i -> new ScheduleDetails(ScheduleId.random(), Instant.parse("2026-12-24T19:00:00Z").plusSeconds(i * 86400L),
                        Instant.parse("2026-12-01T10:00:00Z")))
                .toList();
        return new CreateConcert(ConcertId.random(), "Load", "Hall", schedules,
                List.of(new SectionDetails("A", "R", new Money(1000, "KRW"), ROWS, SEATS_PER_ROW)));
    }

    private static long topicEndOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor("ticketing.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    }

    /** Reads the whole topic once and counts the copies of each event id (Axon's message id header). */
    private static Map<String, Integer> topicMessageIds() {
        Map<String, Object> config = consumerConfig();
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("ticketing.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            assertThat(partitions).hasSize(3);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = new String(record.headers().lastHeader("axon-message-id").value(), StandardCharsets.UTF_8);
                    copies.merge(id, 1, Integer::sum);
                }
            }
        }
        return copies;
    }
}
