package io.ticketing.projections.readmodel;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** The read side's one data source: the configured pool ({@code spring.datasource.*}), routable to the shadow database. */
@Configuration(proxyBeanMethods = false)
public class ReadModelDataSourceConfiguration {

    @Bean(destroyMethod = "close")
    @Primary
    public ReadModelDataSource dataSource(DataSourceProperties properties, Environment environment) {
        HikariDataSource live = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(live));
        if (live.getPoolName() == null) {
            live.setPoolName("read-model");
        }
        return new ReadModelDataSource(live);
    }
}
