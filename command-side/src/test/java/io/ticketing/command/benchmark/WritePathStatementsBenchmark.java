package io.ticketing.command.benchmark;

import io.ticketing.command.support.BookingClient;
import io.ticketing.command.support.IsolatedCommandSide;
import io.ticketing.testsupport.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark harness (not part of {@code verify}, asserts nothing): SQL statements and COMMITs per hold + release
 * pair on warm caches, with the booking writers committing one command per transaction ({@code max-batch=1},
 * the shape of the old path) and in batches ({@code max-batch=128}), back to back, each on a command side and a
 * database of its own. Statements are counted from MariaDB's general log (written to a table for the window
 * only, so other builds on the server cost it little), kept to the connections of the run's own database.
 * <p>
 * {@code ./mvnw -B -o -pl command-side test -Dbenchmarks.excluded=none -Dgroups=benchmark -Dtest=WritePathStatementsBenchmark}
 * (optional {@code -Dbench.threads=8 -Dbench.pairs=10}).
 */
@Tag("benchmark")
class WritePathStatementsBenchmark {
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int PAIRS = Integer.getInteger("bench.pairs", 10);

    @Test
    void statementsPerPairOneCommandPerTransactionAgainstBatches() throws Exception {
        for (int maxBatch : new int[]{1, 128}) {
            try (IsolatedCommandSide side = IsolatedCommandSide.start("stmts" + maxBatch,
                    Map.of("ticketing.booking.max-batch", maxBatch))) {
                measure(side, maxBatch);
            }
        }
    }

    private void measure(IsolatedCommandSide side, int maxBatch) throws Exception {
        BookingClient client = side.client();
        String schedule = client.createSchedule(1, THREADS, 1_000);
        for (int t = 0; t < THREADS; t++) {
            client.admissionToken("pair-" + t, schedule);
        }
        runPairs(client, schedule, 2); // warm: every seat and quota cached, JIT warm
        String database = side.context().getEnvironment().getProperty("spring.datasource.url")
                .replaceAll(".*/([^/?]+)\\?.*", "$1");
        for (int threads : new int[]{1, THREADS}) {
            Instant from = Instant.now();
            List<Long> connections;
            try (Connection admin = TestDatabases.connect(database); Statement s = admin.createStatement()) {
                s.execute("SET GLOBAL log_output = 'TABLE'");
                s.execute("SET GLOBAL general_log = 'ON'");
                try {
                    connections = new ArrayList<>();
                    int pairs = runPairs(client, schedule, threads == 1 ? PAIRS * 2 : PAIRS, threads);
                    try (ResultSet r = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '"
                            + database + "' AND id <> CONNECTION_ID()")) {
                        while (r.next()) {
                            connections.add(r.getLong(1));
                        }
                    }
                    s.execute("SET GLOBAL general_log = 'OFF'");
                    report(admin, maxBatch, threads, pairs, connections, from);
                } finally {
                    s.execute("SET GLOBAL general_log = 'OFF'");
                    s.execute("SET GLOBAL log_output = 'FILE'");
                }
            }
        }
    }

    private static void report(Connection admin, int maxBatch, int threads, int pairs, List<Long> connections,
                               Instant from) throws SQLException {
        Map<String, Integer> kinds = new TreeMap<>();
        String ids = connections.isEmpty() ? "-1" : String.join(",", connections.stream().map(String::valueOf).toList());
        try (PreparedStatement q = admin.prepareStatement("SELECT argument FROM mysql.general_log WHERE thread_id IN ("
                + ids + ") AND command_type IN ('Query','Execute') AND event_time >= ?")) {
            q.setTimestamp(1, Timestamp.from(from));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    kinds.merge(kind(r.getString(1)), 1, Integer::sum);
                }
            }
        }
        int total = kinds.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "max-batch=%d threads=%d pairs=%d: %.2f statements per pair", maxBatch, threads, pairs, total / (double) pairs));
        kinds.forEach((kind, n) -> line.append(String.format(Locale.ROOT, ", %s %.2f", kind, n / (double) pairs)));
        System.out.println("WRITE-PATH " + line);
    }

    private static String kind(String sql) {
        String s = sql.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("commit")) {
            return "commit";
        }
        if (s.startsWith("set autocommit")) {
            return "set-autocommit";
        }
        if (s.startsWith("insert into domain_event_entry") || s.startsWith("insert into `domain_event_entry`")) {
            return "event-insert";
        }
        if (s.startsWith("select") && s.contains("snapshot")) {
            return "snapshot-read";
        }
        if (s.startsWith("select") && s.contains("domain_event_entry") && s.contains("aggregate_identifier")) {
            return "aggregate-read";
        }
        if (s.startsWith("select") && s.contains("domain_event_entry")) {
            return "tracking-read";
        }
        if (s.contains("token_entry")) {
            return "token";
        }
        return s.split("\\s+", 2)[0];
    }

    private static int runPairs(BookingClient client, String schedule, int pairsPerThread) throws Exception {
        return runPairs(client, schedule, pairsPerThread, THREADS);
    }

    /** Each thread its own user and seat: hold, release, again. Returns the releases accepted. */
    private static int runPairs(BookingClient client, String schedule, int pairsPerThread, int threads) throws Exception {
        AtomicInteger pairs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "pair-" + t;
            String seat = "A-1-" + (t + 1);
            work.add(pool.submit(() -> {
                for (int i = 0; i < pairsPerThread; i++) {
                    BookingClient.Answer hold = client.hold(user, schedule, List.of(seat));
                    if (hold.status() == 201 && client.cancel(user, hold.string("reservationId")).status() == 202) {
                        pairs.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return pairs.get();
    }
}
