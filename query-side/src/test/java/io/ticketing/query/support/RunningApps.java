package io.ticketing.query.support;

import io.ticketing.command.CommandSideApplication;
import io.ticketing.query.QuerySideApplication;
import io.ticketing.testsupport.TestEnvironment;
import io.ticketing.testsupport.TestDatabases;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.Map;

/**
 * The real command side and query side, each in its own Spring context inside the test JVM, on this
 * JVM's databases and the embedded KRaft broker. Either side can be stopped and started again
 * (same databases, same topic), as a crash and restart of that process would.
 * <p>
 * A test class that needs both apps for all its tests registers one as an extension,
 * {@code @RegisterExtension static final RunningApps apps = new RunningApps();}: both start before its first
 * test and stop after its last.
 */
public class RunningApps implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private final Map<String, Object> commandOverrides;
    private final Map<String, Object> queryOverrides;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;

    public RunningApps() {
        this(Map.of(), Map.of());
    }

    public RunningApps(Map<String, Object> commandOverrides, Map<String, Object> queryOverrides) {
        this.commandOverrides = commandOverrides;
        this.queryOverrides = queryOverrides;
    }

    public RunningApps startBoth() {
        startCommandSide();
        startQuerySide();
        return this;
    }

    public void startCommandSide() {
        Map<String, Object> properties = TestEnvironment.commandSide();
        properties.putAll(commandOverrides);
        commandSide = CommandSideApplication.builder().run(asArguments(properties));
    }

    public void startQuerySide() {
        Map<String, Object> properties = TestEnvironment.querySide();
        properties.putAll(queryOverrides);
        querySide = QuerySideApplication.builder().run(asArguments(properties));
    }

    /** As command-line arguments, so they override the apps' own configuration files. */
    private static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public void stopCommandSide() {
        if (commandSide != null) {
            commandSide.close();
            commandSide = null;
        }
    }

    public void stopQuerySide() {
        if (querySide != null) {
            querySide.close();
            querySide = null;
        }
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    public String commandUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) commandSide).getWebServer().getPort();
    }

    public String queryUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) querySide).getWebServer().getPort();
    }

    /** A connection of its own to one of this JVM's databases ({@code TestEnvironment.EVENTS_DB}, {@code READ_DB}). */
    public static JdbcTemplate database(String name) {
        return new JdbcTemplate(new SingleConnectionDataSource(TestDatabases.jdbcUrl(name),
                TestDatabases.USER, TestDatabases.PASSWORD, true));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startBoth();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        stopQuerySide();
        stopCommandSide();
    }
}
