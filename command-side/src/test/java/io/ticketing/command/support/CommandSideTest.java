package io.ticketing.command.support;

import io.ticketing.command.CommandSideApplication;
import io.ticketing.testsupport.CommandSideTestInitializer;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The real command side on a random port, against this JVM's own event-store database on the machine's
 * MariaDB and the embedded KRaft broker; {@code @Autowired BookingClient client} talks to it over HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + CommandSideApplication.CONFIG_NAME,
                "ticketing.payment.webhook-secret=" + BookingClient.WEBHOOK_SECRET, "db-scheduler.polling-interval=200ms"})
@ContextConfiguration(initializers = CommandSideTestInitializer.class)
@AutoConfigureObservability
@ActiveProfiles("test")
@Import(BookingClient.OfTheAppUnderTest.class)
public @interface CommandSideTest {
}
