package io.ticketing.infra.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append failed on the (aggregate id, sequence number) key, so that it reports a
 * concurrent modification instead of a generic failure. MySQL and MariaDB both use error 1062.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {
    private static final int ER_DUP_ENTRY = 1062;

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ER_DUP_ENTRY
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("23") && sql.getErrorCode() == 0))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
