package io.ticketing.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.UUID;

/** For {@code @SpringBootTest} of the command side: {@code @ContextConfiguration(initializers = ...)}. */
public class CommandSideTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = TestEnvironment.commandSide();
        // The suite's cached contexts share one event-store database, each with settings of its own (batch sizes,
        // interceptors of a test): each runs only the concert creation jobs it accepted, as one deployment would.
        properties.put("ticketing.catalog.job-task-name", "concert-creation-job-" + UUID.randomUUID());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ticketing-test", properties));
    }
}
