package io.ticketing.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** For {@code @SpringBootTest} of the command side: {@code @ContextConfiguration(initializers = ...)}. */
public class CommandSideTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("ticketing-test", TestEnvironment.commandSide()));
    }
}
