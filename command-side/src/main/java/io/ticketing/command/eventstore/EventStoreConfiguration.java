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
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The event store: Axon's JDBC storage engine over the Flyway-owned schema in {@code db/eventstore}
 * (AUTO_INCREMENT global index, LONGBLOB payloads, Jackson). Declared here rather than left to
 * auto-configuration so the schema names and the token store are what the migration created.
 * <p>
 * Gaps. A transaction takes its global index when it inserts and becomes visible when it commits, so the
 * publisher (a tracking processor) sees later indexes first and keeps the missing ones as gaps in its token,
 * reading them again until they fill. Axon gives up on a gap 10,000 events later ({@code maxGapOffset}) or,
 * once the token holds more than {@code gapCleaningThreshold} gaps, when the event after it is older than
 * {@code gapTimeout} (60 s); a transaction that commits after that is never published. Rolled-back inserts leave
 * gaps that never fill, so some limit is needed, but it must be one no live transaction can outlast:
 * <ul>
 *   <li>no limit by count: a burst of events says nothing about whether a slow transaction is still alive;</li>
 *   <li>every transaction is bounded ({@link BoundedTransactionManager}: no commit after
 *       {@code ticketing.eventstore.transaction-timeout}; {@link ServerIdleTimeout}: the server closes a
 *       connection that goes quiet, so a commit sent after a pause cannot land either);</li>
 *   <li>the gap timeout is derived from that bound ({@link EventStoreProperties#gapTimeout()}), so a gap is
 *       only dropped once its transaction can no longer commit.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public ConnectionProvider eventStoreConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** Replaces Axon's auto-configured one: the same Spring transactions, with a time limit. */
    @Bean
    public TransactionManager boundedTransactionManager(PlatformTransactionManager transactionManager,
                                                        EventStoreProperties properties) {
        return new BoundedTransactionManager(new SpringTransactionManager(transactionManager),
                properties.transactionTimeout());
    }

    /** Static and bound by hand: a post-processor is created before configuration-properties beans are. */
    @Bean
    static ServerIdleTimeout serverIdleTimeout(Environment environment) {
        EventStoreProperties properties = Binder.get(environment)
                .bindOrCreate("ticketing.eventstore", EventStoreProperties.class);
        return new ServerIdleTimeout(properties.serverIdleTimeout());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider eventStoreConnectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventStoreProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                .connectionProvider(eventStoreConnectionProvider)
                .transactionManager(transactionManager)
                .schema(EventStoreSchemas.events())
                .batchSize(500)
                // Gaps are given up only by age, never by count (see the class comment).
                .maxGapOffset(Integer.MAX_VALUE)
                .gapTimeout(Math.toIntExact(properties.gapTimeout().toMillis()))
                .gapCleaningThreshold(properties.gapCleaningThreshold())
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
