package io.ticketing.infra.eventstore;

import io.ticketing.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Against the real MariaDB: only a second append of one (aggregate id, sequence number) counts as a duplicate key. */
class DuplicateKeyResolverTest {
    private static final String DATABASE = TestDatabases.name("dupkey");
    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = TestDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE event (aggregate_id VARCHAR(36) NOT NULL, seq BIGINT NOT NULL, payload VARCHAR(10) NOT NULL,"
                    + " PRIMARY KEY (aggregate_id, seq))");
        }
    }

    @Test
    void aSecondAppendOfTheSameSequenceIsADuplicateKey() throws SQLException {
        SQLException failure = insertTwice("a-1");

        assertThat(resolver.isDuplicateKeyViolation(failure)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new DuplicateKeyException("wrapped", failure))).isTrue();
    }

    @Test
    void anotherConstraintIsNot() throws SQLException {
        try (Connection c = TestDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            SQLException failure = catchThrowableOfType(SQLException.class,
                    () -> s.execute("INSERT INTO event VALUES ('a-2', 0, NULL)"));

            assertThat((Throwable) failure).isNotNull();
            assertThat(resolver.isDuplicateKeyViolation(failure)).isFalse();
            assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
        }
    }

    private static SQLException insertTwice(String aggregateId) throws SQLException {
        try (Connection c = TestDatabases.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("INSERT INTO event VALUES ('" + aggregateId + "', 0, 'first')");
            SQLException failure = catchThrowableOfType(SQLException.class,
                    () -> s.execute("INSERT INTO event VALUES ('" + aggregateId + "', 0, 'again')"));
            assertThat((Throwable) failure).isNotNull();
            return failure;
        }
    }
}
