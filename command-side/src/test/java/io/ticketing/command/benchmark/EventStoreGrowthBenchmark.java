package io.ticketing.command.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.infra.eventstore.DuplicateKeyResolver;
import io.ticketing.infra.eventstore.EventStoreSchemas;
import io.ticketing.testsupport.TestDatabases;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Benchmark harness (not part of {@code verify}): does the event store's append rate hold up when the
 * table already holds millions of events? Appends the same workload — one-event transactions for new
 * aggregates from 8 threads, the shape of a seat hold — to an empty store, then fills the store with
 * {@code FILL} events server-side, appends again, and appends once more to a second empty store so the
 * machine's drift during the run shows. Prints one line per measurement and the ratio.
 * <p>
 * {@code ./mvnw -B -o -pl command-side test -Dbenchmarks.excluded=none -Dgroups=benchmark -Dtest=EventStoreGrowthBenchmark}
 * (optional {@code -Dbench.fill=5000000 -Dbench.appends=20000 -Dbench.threads=8}).
 */
@Tag("benchmark")
class EventStoreGrowthBenchmark {
    private static final long FILL = Long.getLong("bench.fill", 5_000_000);
    private static final int APPENDS = Integer.getInteger("bench.appends", 20_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);

    @Test
    void appendRateOnAnEmptyAndOnAFullStore() throws Exception {
        String emptyDb = TestDatabases.name("bench_empty");
        String fullDb = TestDatabases.name("bench_full");
        String secondEmptyDb = TestDatabases.name("bench_empty2");
        try (Store empty = new Store(emptyDb); Store full = new Store(fullDb); Store secondEmpty = new Store(secondEmptyDb)) {
            double warm = full.appendRate("warm-up");   // JIT and pool warm-up, on the store that is filled next
            double emptyRate = empty.appendRate("empty store");
            Instant fillStart = Instant.now();
            long rows = full.fillTo(FILL);
            System.out.printf("BENCH fill: %d events in the store after %d s%n", rows,
                    Duration.between(fillStart, Instant.now()).toSeconds());
            double fullRate = full.appendRate("store with " + rows + " events");
            double secondEmptyRate = secondEmpty.appendRate("second empty store");
            double baseline = (emptyRate + secondEmptyRate) / 2;
            System.out.printf("BENCH result: full/empty append rate = %.3f (%.0f vs mean %.0f of %.0f and %.0f; warm-up %.0f)%n",
                    fullRate / baseline, fullRate, baseline, emptyRate, secondEmptyRate, warm);
        }
    }

    private static final class Store implements AutoCloseable {
        private final HikariDataSource dataSource = new HikariDataSource();
        private final JdbcEventStorageEngine engine;
        private final SpringTransactionManager transactions;
        private final JdbcTemplate jdbc;
        private final AtomicLong aggregates = new AtomicLong();

        Store(String database) {
            dataSource.setJdbcUrl(TestDatabases.jdbcUrl(database));
            dataSource.setUsername(TestDatabases.USER);
            dataSource.setPassword(TestDatabases.PASSWORD);
            dataSource.setMaximumPoolSize(THREADS + 2);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
            transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(
                    new SpringDataSourceConnectionProvider(dataSource));
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
            engine = JdbcEventStorageEngine.builder()
                    .snapshotSerializer(serializer).eventSerializer(serializer)
                    .persistenceExceptionResolver(new DuplicateKeyResolver())
                    .connectionProvider(connections).transactionManager(transactions)
                    .schema(EventStoreSchemas.events()).batchSize(500).build();
            jdbc = new JdbcTemplate(dataSource);
        }

        double appendRate(String label) throws Exception {
            ScheduleId schedule = ScheduleId.random();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            Instant start = Instant.now();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < APPENDS / THREADS; i++) {
                        long n = aggregates.incrementAndGet();
                        SeatId seat = SeatId.of(schedule, "A-" + (n / 1000 + 1) + "-" + (n % 1000 + 1));
                        SeatHeld held = new SeatHeld(seat, ReservationId.random(), Instant.now().plusSeconds(300));
                        transactions.executeInTransaction(() -> engine.appendEvents(
                                new GenericDomainEventMessage<>("Seat", seat.toString() + "#" + n, 1, held)));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            double rate = (APPENDS / THREADS) * THREADS / seconds;
            System.out.printf("BENCH append (%s): %d one-event transactions from %d threads in %.1f s = %.0f appends/s%n",
                    label, (APPENDS / THREADS) * THREADS, THREADS, seconds, rate);
            return rate;
        }

        /** Doubles the table server-side (new aggregate ids, same payload) until it holds at least {@code target} rows. */
        long fillTo(long target) {
            long rows = count();
            while (rows < target) {
                long batch = Math.min(rows, target - rows);
                jdbc.update("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                               time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT UUID(), CONCAT(aggregate_identifier, '/', ?), sequence_number, type, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry ORDER BY global_index LIMIT ?""", rows, batch);
                rows = count();
            }
            return rows;
        }

        private long count() {
            Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
            return rows == null ? 0 : rows;
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }
}
