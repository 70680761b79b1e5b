package io.ticketing.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties that point an app under test at this JVM's own databases, the embedded broker and
 * the tests' secrets. Use as {@code new SpringApplicationBuilder(...).properties(TestEnvironment.commandSide())}
 * or through {@link TicketingTestInitializer}.
 */
public final class TestEnvironment {
    public static final String EVENTS_DB = TestDatabases.name("events");
    public static final String READ_DB = TestDatabases.name("read");
    /** This JVM's Redis keys all start with it, so runs sharing the machine's Redis never meet. */
    public static final String REDIS_PREFIX = "t_" + TestDatabases.runId() + "_q";
    /**
     * The tests' own keys: like any deployment outside the {@code local} profile, an app under test refuses to start
     * with a missing, short or documented key (DeploymentSecrets).
     */
    public static final String ADMISSION_SECRET = "test-admission-secret-for-the-ticketing-engine-0123";
    public static final String WEBHOOK_SECRET = "test-webhook-secret-for-the-ticketing-engine-0123456";

    private TestEnvironment() {
    }

    public static Map<String, Object> common() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.username", TestDatabases.USER);
        p.put("spring.datasource.password", TestDatabases.PASSWORD);
        p.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        p.put("ticketing.security.jwt-secret", TestJwts.SECRET);
        p.put("ticketing.kafka.topic.partitions", "3");
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.put("spring.profiles.active", "test");
        return p;
    }

    public static Map<String, Object> commandSide() {
        Map<String, Object> p = common();
        p.put("spring.datasource.url", TestDatabases.jdbcUrl(EVENTS_DB));
        p.put("ticketing.queue.key-prefix", REDIS_PREFIX);
        p.put("ticketing.queue.token-secret", ADMISSION_SECRET);
        p.put("ticketing.payment.webhook-secret", WEBHOOK_SECRET);
        return p;
    }

    public static Map<String, Object> querySide() {
        Map<String, Object> p = common();
        p.put("spring.datasource.url", TestDatabases.jdbcUrl(READ_DB));
        // The command side's db-scheduler starter shares the tests' classpath; the query side schedules nothing.
        p.put("db-scheduler.enabled", "false");
        return p;
    }
}
