package io.ticketing.command.eventstore;

import io.ticketing.infra.eventstore.DuplicateKeyResolver;
import io.ticketing.infra.eventstore.EventStoreSchemas;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The event store: Axon's JDBC storage engine over the Flyway-owned schema in {@code db/eventstore}
 * (AUTO_INCREMENT global index, LONGBLOB payloads, Jackson). Declared here rather than left to
 * auto-configuration so the schema names and the token store are what the migration created.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public ConnectionProvider eventStoreConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider eventStoreConnectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                .connectionProvider(eventStoreConnectionProvider)
                .transactionManager(transactionManager)
                .schema(EventStoreSchemas.events())
                .batchSize(500)
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider eventStoreConnectionProvider, Serializer defaultSerializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(eventStoreConnectionProvider)
                .schema(EventStoreSchemas.tokens())
                .serializer(defaultSerializer)
                .build();
    }
}
