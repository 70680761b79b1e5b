package io.ticketing.query.support;

import io.ticketing.command.CommandSideApplication;
import io.ticketing.query.QuerySideApplication;
import io.ticketing.testsupport.TestEnvironment;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * The real command side and query side, each in its own Spring context inside the test JVM, on this
 * JVM's databases and the embedded KRaft broker. Either side can be stopped and started again
 * (same databases, same topic), as a crash and restart of that process would.
 */
public class RunningApps implements AutoCloseable {
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

    @Override
    public void close() {
        stopQuerySide();
        stopCommandSide();
    }
}
