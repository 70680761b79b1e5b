package io.ticketing.projections.support;

import io.ticketing.projections.readmodel.BatchedStatements;
import io.ticketing.testsupport.TestDatabases;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Feeds a projection's own handlers as its tracking processor does: Axon resolves each handler's parameters (the
 * aggregate's sequence number, the event's timestamp), and every batch of events runs in one unit of work, so its
 * read-model statements go out as JDBC batches when the batch commits ({@link BatchedStatements}). The rows land
 * in the real MariaDB, in one database per test JVM, migrated by the read side's own Flyway scripts and emptied
 * before each test.
 */
public final class ProjectionDriver {
    private static final String DATABASE = TestDatabases.name("projections");
    private static final List<String> READ_MODELS =
            List.of("concert_view", "schedule_view", "seat_view", "reservation_view", "payment_order_view");
    private static JdbcTemplate shared;

    private final JdbcTemplate jdbc;
    private final SimpleEventHandlerInvoker invoker;

    private ProjectionDriver(JdbcTemplate jdbc, Object projection) {
        this.jdbc = jdbc;
        this.invoker = SimpleEventHandlerInvoker.builder().eventHandlers(projection).build();
    }

    /** A driver for the projection that {@code create} builds on the read-model database's statements, all tables empty. */
    public static ProjectionDriver of(Function<Writes, Object> create) {
        JdbcTemplate jdbc = database();
        READ_MODELS.forEach(table -> jdbc.update("DELETE FROM " + table));
        return new ProjectionDriver(jdbc, create.apply(new Writes(jdbc, new BatchedStatements(jdbc))));
    }

    /** What a projection writes with. */
    public record Writes(JdbcTemplate jdbc, BatchedStatements batched) {
    }

    private static synchronized JdbcTemplate database() {
        if (shared == null) {
            // One connection for the whole JVM: a new connection per statement cost more than the statements.
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabases.jdbcUrl(DATABASE),
                    TestDatabases.USER, TestDatabases.PASSWORD, true);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/readmodel").load().migrate();
            shared = new JdbcTemplate(dataSource);
        }
        return shared;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** One event of an aggregate, stored at {@code at}. */
    public static EventMessage<?> event(String aggregateId, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
    }

    public static EventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return event(aggregateId, sequence, payload, Instant.parse("2026-12-01T10:00:00Z"));
    }

    /** Applies these events as one processor batch: one unit of work, committed at the end. */
    public void batch(EventMessage<?>... events) {
        var result = DefaultUnitOfWork.startAndGet(events[0]).executeWithResult(() -> {
            for (EventMessage<?> event : events) {
                invoker.handle(event, Segment.ROOT_SEGMENT);
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }

    /** Applies each event as a batch of its own, in this order (a redelivery is the same event given again). */
    public void deliver(EventMessage<?>... events) {
        for (EventMessage<?> event : events) {
            batch(event);
        }
    }
}
