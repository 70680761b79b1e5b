package io.ticketing.query;

import io.ticketing.projections.config.ProjectionsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The read side: serves the read models the projections build from Kafka, and rebuilds them on request. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProjectionsConfiguration.class)
public class QuerySideApplication {
    /** Configuration lives in {@code query-side.yml} (see CommandSideApplication.CONFIG_NAME for why). */
    public static final String CONFIG_NAME = "query-side";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
