package io.ticketing.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The write side: commands over HTTP, aggregates, the event store in MySQL and the publisher to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {
    /**
     * Configuration lives in {@code command-side.yml}, not {@code application.yml}: both apps can then share
     * one classpath (the end-to-end tests run them side by side in one JVM).
     */
    public static final String CONFIG_NAME = "command-side";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
