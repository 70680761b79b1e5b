package io.ticketing.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One embedded KRaft broker per test JVM, started on first use and stopped when the JVM ends. */
public final class TestKafka {
    private static EmbeddedKafkaKraftBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-embedded-kafka"));
        }
        return broker.getBrokersAsString();
    }
}
