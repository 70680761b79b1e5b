package io.ticketing.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketing.query.support.Http;
import io.ticketing.query.support.RunningApps;
import io.ticketing.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.ticketing.testsupport.TestKafka;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.testsupport.TestEnvironment;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A concert created on the command side shows up, seat by seat, on the query side. */
class CatalogEndToEndTest {
    @RegisterExtension
    static final RunningApps apps = new RunningApps();

    @Test
    void createdConcertIsServedWithItsSeatMap() {
        String body = """
                {"title":"Winter Gala","venue":"Olympic Hall",
                 "schedules":[{"startsAt":"2026-12-24T19:00:00.123456Z","salesOpenAt":"2026-12-01T10:00:00Z"},
                              {"startsAt":"2026-12-25T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
                 "sections":[{"name":"A","grade":"VIP","price":150000,"currency":"KRW","rows":2,"seatsPerRow":5},
                             {"name":"B","grade":"R","price":90000,"currency":"KRW","rows":3,"seatsPerRow":4}]}
                """;
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", TestJwts.admin(), body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String concertId = created.body().get("concertId").asText();
        String scheduleId = created.body().get("scheduleIds").get(0).asText();
        assertThat(created.body().get("scheduleIds")).hasSize(2);

        String user = TestJwts.user("alice");
        AtomicReference<JsonNode> seatMap = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", user);
            assertThat(seats.status()).isEqualTo(200);
            assertThat(seats.body().get("seats")).hasSize(22);
            seatMap.set(seats.body());
        });
        JsonNode map = seatMap.get();
        assertThat(map.get("scheduleId").asText()).isEqualTo(scheduleId);
        assertThat(map.get("counts").get("available").asLong()).isEqualTo(22);
        assertThat(map.get("counts").get("held").asLong()).isZero();
        assertThat(map.get("counts").get("sold").asLong()).isZero();
        JsonNode first = map.get("seats").get(0);
        assertThat(first.get("seatId").asText()).isEqualTo("A-1-1");
        assertThat(first.get("section").asText()).isEqualTo("A");
        assertThat(first.get("grade").asText()).isEqualTo("VIP");
        assertThat(first.get("price").asLong()).isEqualTo(150000);
        assertThat(first.get("currency").asText()).isEqualTo("KRW");
        assertThat(first.get("status").asText()).isEqualTo("AVAILABLE");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response concert = Http.get(apps.queryUrl() + "/api/concerts/" + concertId, user);
            assertThat(concert.status()).isEqualTo(200);
            assertThat(concert.body().get("title").asText()).isEqualTo("Winter Gala");
            assertThat(concert.body().get("venue").asText()).isEqualTo("Olympic Hall");
            assertThat(concert.body().get("schedules")).hasSize(2);
            // Fractional seconds survive the round trip through event store, Kafka and read model.
            assertThat(concert.body().get("schedules").get(0).get("startsAt").asText())
                    .isEqualTo("2026-12-24T19:00:00.123456Z");
        });
        Http.Response list = Http.get(apps.queryUrl() + "/api/concerts", user);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().findValuesAsText("concertId")).contains(concertId);
    }

    @Test
    void unknownScheduleAndConcertAreProblemNotFound() {
        String user = TestJwts.user("bob");
        Http.Response seats = Http.get(apps.queryUrl() + "/api/schedules/nope/seats", user);
        assertThat(seats.status()).isEqualTo(404);
        assertThat(seats.contentType()).startsWith("application/problem+json");
        assertThat(seats.body().get("type").asText()).isEqualTo("urn:ticketing:not-found");
        assertThat(Http.get(apps.queryUrl() + "/api/concerts/nope", user).status()).isEqualTo(404);
    }

    @Test
    void queriesNeedAValidToken() {
        Http.Response anonymous = Http.get(apps.queryUrl() + "/api/concerts", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        String forged = TestJwts.sign("another-secret-that-is-long-enough-0123456789", "mallory",
                java.util.List.of("USER"), Duration.ofHours(1));
        assertThat(Http.get(apps.queryUrl() + "/api/concerts", forged).status()).isEqualTo(401);
        String expired = TestJwts.sign(TestJwts.SECRET, "late", java.util.List.of("USER"), Duration.ofMinutes(-5));
        assertThat(Http.get(apps.queryUrl() + "/api/concerts", expired).status()).isEqualTo(401);
    }

    @Test
    void adminsSeeProjectionStatusAndCanReplayOne() {
        String admin = TestJwts.admin();
        Http.Response created = Http.post(apps.commandUrl() + "/api/admin/concerts", admin, SMALL_CONCERT.formatted("Status"));
        String scheduleId = created.body().get("scheduleIds").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", TestJwts.user("eve")).status() == 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body().findValuesAsText("name")).containsExactlyInAnyOrder("catalog", "seat-map", "reservations");
            assertThat(status.body().findValuesAsText("status")).containsOnly("LIVE");
            assertThat(status.body().findValues("lagEvents")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
        });
        assertThat(Http.get(apps.queryUrl() + "/api/admin/projections", TestJwts.user("eve")).status()).isEqualTo(403);
        Http.Response metrics = Http.getText(apps.queryUrl() + "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).containsPattern("ticketing_projection_lag_events\\{[^}]*projection=\"seat-map\"[^}]*} 0.0")
                .containsPattern("ticketing_projection_lag_seconds\\{[^}]*projection=\"catalog\"[^}]*} 0.0")
                .containsPattern("ticketing_projection_apply_delay_seconds_bucket\\{[^}]*projection=\"seat-map\"[^}]*le=\"1.0\"[^}]*} [1-9]");
        Http.Response unknown = Http.post(apps.queryUrl() + "/api/admin/projections/nope/replay", admin, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Http.Response replay = Http.post(apps.queryUrl() + "/api/admin/projections/catalog/replay", admin, null);
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
            assertThat(status.body().findValuesAsText("status")).containsOnly("LIVE");
            assertThat(status.body().findValues("lagEvents")).allSatisfy(lag -> assertThat(lag.asLong()).isZero());
            assertThat(status.body().findValues("replayError")).allSatisfy(error -> assertThat(error.isNull()).isTrue());
        });
    }

    /**
     * An event the catalog cannot store (a title longer than its column: the command side validates titles,
     * but history may hold anything) is parked in the dead-letter queue with its error instead of stopping
     * the projection; it is listed and retryable from the admin endpoints, and applies once the cause is fixed.
     */
    @Test
    void anEventAProjectionCannotApplyIsParkedAndCanBeRetried() {
        String admin = TestJwts.admin();
        String user = TestJwts.user("dora");
        ConcertId poisoned = ConcertId.random();
        ConcertCreated event = new ConcertCreated(poisoned, "T".repeat(300), "Hall",
                List.of(new ScheduleDetails(ScheduleId.random(), Instant.parse("2027-02-01T19:00:00Z"),
                        Instant.parse("2027-01-01T10:00:00Z"))),
                List.of(new SectionDetails("A", "R", new Money(1000, "KRW"), 1, 1)));
        apps.commandSide().getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>("Concert", poisoned.value(), 0, event));

        String deadLetters = apps.queryUrl() + "/api/admin/projections/catalog/dead-letters";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Response parked = Http.get(deadLetters, admin);
            assertThat(parked.status()).isEqualTo(200);
            assertThat(parked.body()).hasSize(1);
            assertThat(parked.body().get(0).get("aggregateId").asText()).isEqualTo(poisoned.value());
            assertThat(parked.body().get(0).get("eventType").asText()).endsWith("ConcertCreated");
            assertThat(parked.body().get(0).get("causeMessage").asText()).contains("concert_view");
        });
        assertThat(Http.get(deadLetters, user).status()).isEqualTo(403);
        Http.Response status = Http.get(apps.queryUrl() + "/api/admin/projections", admin);
        assertThat(status.body().findValues("deadLetters").stream().mapToLong(n -> n.asLong()).sum()).isEqualTo(1);
        assertThat(Http.getText(apps.queryUrl() + "/actuator/prometheus").raw())
                .containsPattern("ticketing_projection_dead_letters\\{[^}]*projection=\"catalog\"[^}]*} 1.0");

        // The projection goes on with everything else.
        Http.Response next = Http.post(apps.commandUrl() + "/api/admin/concerts", admin, SMALL_CONCERT.formatted("After"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.get(apps.queryUrl() + "/api/concerts/" + next.body().get("concertId").asText(), user).status() == 200);

        // Retried while the cause is still there, it stays parked.
        Http.Response again = Http.post(deadLetters + "/retry", admin, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("sequencesSucceeded").asInt()).isZero();
        assertThat(again.body().get("deadLettersLeft").asLong()).isEqualTo(1);
        assertThat(Http.get(apps.queryUrl() + "/api/concerts/" + poisoned.value(), user).status()).isEqualTo(404);

        // The operators widen the column; the retry now applies the event and empties the queue.
        RunningApps.database(TestEnvironment.READ_DB)
                .execute("ALTER TABLE concert_view MODIFY title VARCHAR(1000) NOT NULL");
        Http.Response fixed = Http.post(deadLetters + "/retry", admin, null);
        assertThat(fixed.body().get("sequencesSucceeded").asInt()).as(fixed.raw()).isEqualTo(1);
        assertThat(fixed.body().get("deadLettersLeft").asLong()).isZero();
        Http.Response concert = Http.get(apps.queryUrl() + "/api/concerts/" + poisoned.value(), user);
        assertThat(concert.status()).isEqualTo(200);
        assertThat(concert.body().get("title").asText()).hasSize(300);
        assertThat(Http.get(deadLetters, admin).body()).isEmpty();
    }

    /**
     * Seat-map writes go to the database in JDBC batches, so a bad row fails a whole batch at commit; the
     * retry runs event by event, parks the one bad event and applies its neighbours.
     */
    @Test
    void aBadEventInABatchedProjectionIsParkedAndItsNeighboursApplied() {
        String admin = TestJwts.admin();
        ScheduleId schedule = ScheduleId.random();
        EventStore store = apps.commandSide().getBean(EventStore.class);
        List<SeatId> seats = List.of(SeatId.of(schedule, "A-1-1"), SeatId.of(schedule, "A-1-2"), SeatId.of(schedule, "A-1-3"));
        List<GenericDomainEventMessage<?>> events = new java.util.ArrayList<>();
        for (SeatId seat : seats) {
            String grade = seat.label().equals("A-1-2") ? "G".repeat(100) : "R";
            events.add(new GenericDomainEventMessage<>("Seat", seat.toString(), 0,
                    new SeatCreated(seat, ConcertId.random(), grade, new Money(1000, "KRW"))));
        }
        store.publish(events);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Response parked = Http.get(apps.queryUrl() + "/api/admin/projections/seat-map/dead-letters", admin);
            assertThat(parked.body()).hasSize(1);
            assertThat(parked.body().get(0).get("aggregateId").asText()).isEqualTo(seats.get(1).toString());
        });
        JdbcTemplate read = RunningApps.database(TestEnvironment.READ_DB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read.queryForList(
                "select seat_label from seat_view where schedule_id = ? order by seat_label", String.class, schedule.value()))
                .containsExactly("A-1-1", "A-1-3"));
    }

    /**
     * At-least-once delivery means a record can arrive twice (a publisher batch re-sent after a crash).
     * Copies of already-applied records go through every projection without changing a row, and the
     * projections keep going: a concert created afterwards still appears.
     */
    @Test
    void redeliveredEventsChangeNothingAndDoNotStopTheProjections() throws Exception {
        String admin = TestJwts.admin();
        String user = TestJwts.user("carol");
        Http.Response first = Http.post(apps.commandUrl() + "/api/admin/concerts", admin, SMALL_CONCERT.formatted("First"));
        String scheduleId = first.body().get("scheduleIds").get(0).asText();
        String concertId = first.body().get("concertId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", user).status() == 200
                        && Http.get(apps.queryUrl() + "/api/concerts/" + concertId, user).status() == 200);
        String seatMapBefore = Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", user).raw();
        String concertBefore = Http.get(apps.queryUrl() + "/api/concerts/" + concertId, user).raw();

        int copies = resendRecordsOf(List.of(concertId, scheduleId));
        assertThat(copies).isGreaterThanOrEqualTo(3);

        Http.Response second = Http.post(apps.commandUrl() + "/api/admin/concerts", admin, SMALL_CONCERT.formatted("Second"));
        String laterSchedule = second.body().get("scheduleIds").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.get(apps.queryUrl() + "/api/schedules/" + laterSchedule + "/seats", user).status() == 200);
        // Every projection has applied everything on the topic, copies included: none is stuck on a copy.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Http.get(apps.queryUrl() + "/api/admin/projections", admin).body().findValues("lagEvents"))
                .allSatisfy(lag -> assertThat(lag.asLong()).isZero()));
        assertThat(Http.get(apps.queryUrl() + "/api/schedules/" + scheduleId + "/seats", user).raw()).isEqualTo(seatMapBefore);
        assertThat(Http.get(apps.queryUrl() + "/api/concerts/" + concertId, user).raw()).isEqualTo(concertBefore);
    }

    private static final String SMALL_CONCERT = """
            {"title":"%s","venue":"Hall",
             "schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],
             "sections":[{"name":"A","grade":"R","price":1000,"currency":"KRW","rows":1,"seatsPerRow":2}]}
            """;

    /** Sends again, unchanged, every record of the topic whose key belongs to one of the given aggregates. */
    private static int resendRecordsOf(List<String> keyPrefixes) throws Exception {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        List<ProducerRecord<String, byte[]>> copies = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor("ticketing.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keyPrefixes.stream().anyMatch(k -> record.key() != null && record.key().startsWith(k))) {
                        copies.add(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                                record.headers()));
                    }
                }
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            for (ProducerRecord<String, byte[]> copy : copies) {
                producer.send(copy).get();
            }
        }
        return copies.size();
    }
}
