package io.ticketing.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Database names of their own for each test JVM, so parallel or repeated runs on one MariaDB never
 * collide; they are dropped when the JVM ends. The server is the machine's MariaDB
 * (127.0.0.1:3306, root, no password) unless {@code TEST_DB_HOST}/{@code TEST_DB_PORT} say otherwise.
 */
public final class TestDatabases {
    public static final String HOST = env("TEST_DB_HOST", "127.0.0.1");
    public static final String PORT = env("TEST_DB_PORT", "3306");
    public static final String USER = env("TEST_DB_USER", "root");
    public static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private static final String RUN_ID = Long.toString(System.currentTimeMillis() / 1000, 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
    }

    private TestDatabases() {
    }

    /** This JVM run's id: also the prefix of its Redis keys. */
    public static String runId() {
        return RUN_ID;
    }

    /** A database name for this JVM run, e.g. {@code t_sxk2a1b_events}. */
    public static String name(String purpose) {
        String name = "t_" + RUN_ID + "_" + purpose;
        CREATED.add(name);
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + PORT + "/" + database + "?createDatabaseIfNotExist=true";
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    private static void dropAll() {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", USER, PASSWORD);
             Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
