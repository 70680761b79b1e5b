package io.ticketing.command.support;

import io.ticketing.command.CommandSideApplication;
import io.ticketing.testsupport.TestDatabases;
import io.ticketing.testsupport.TestEnvironment;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

/**
 * A command side of its own — own event-store database and own topic — that a test can start, stop and start
 * again (a restart), without sharing tokens, caches or deadlines with the suite's cached context.
 */
public final class IsolatedCommandSide implements AutoCloseable {
    private final String database;
    private final String topic;
    private final Map<String, Object> overrides;
    private ConfigurableApplicationContext context;

    private IsolatedCommandSide(String purpose, Map<String, Object> overrides) {
        this.database = TestDatabases.name(purpose);
        this.topic = "ticketing.events." + database;
        this.overrides = overrides;
    }

    private IsolatedCommandSide(IsolatedCommandSide other, Map<String, Object> overrides) {
        this.database = other.database;
        this.topic = other.topic;
        this.overrides = overrides;
    }

    public static IsolatedCommandSide start(String purpose, Map<String, Object> overrides) {
        IsolatedCommandSide app = new IsolatedCommandSide(purpose, overrides);
        app.start();
        return app;
    }

    /** A second instance on the same event-store database and topic (a command side scaled out). */
    public static IsolatedCommandSide alongside(IsolatedCommandSide other, Map<String, Object> overrides) {
        IsolatedCommandSide app = new IsolatedCommandSide(other, overrides);
        app.start();
        return app;
    }

    /** Not started yet: its database and topic are named, so that a child JVM can run it first (see {@link #arguments}). */
    public static IsolatedCommandSide prepare(String purpose, Map<String, Object> overrides) {
        return new IsolatedCommandSide(purpose, overrides);
    }

    public void start() {
        // As arguments: they must win over command-side.yml (builder properties are only defaults).
        context = CommandSideApplication.builder().run(arguments().toArray(String[]::new));
    }

    /** The command line that starts this command side: its database, its topic and the tests' settings. */
    public List<String> arguments() {
        Map<String, Object> properties = TestEnvironment.commandSide();
        properties.put("spring.datasource.url", TestDatabases.jdbcUrl(database));
        properties.put("ticketing.kafka.topic.name", topic);
        properties.put("ticketing.payment.webhook-secret", BookingClient.WEBHOOK_SECRET);
        properties.put("db-scheduler.polling-interval", "200ms");
        properties.putAll(overrides);
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public void restart() {
        stop();
        start();
    }

    /** Its event-store database's name (for {@code TestDatabases.connect}, also while a child JVM runs it). */
    public String database() {
        return database;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public BookingClient client() {
        return new BookingClient(port());
    }

    @Override
    public void close() {
        stop();
    }
}
