package io.ticketing.command.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.time.Duration;

/**
 * Makes the database itself end a transaction whose client went quiet: every connection of the pool sets
 * {@code wait_timeout} (understood by MySQL and MariaDB alike), so a connection idle that long, inside a
 * transaction or not, is closed and its transaction rolled back. That bounds what the client-side limit of
 * {@link BoundedTransactionManager} cannot: a commit sent after a long pause. Hikari pings idle pooled
 * connections well within the timeout so they are not closed under it.
 */
class ServerIdleTimeout implements BeanPostProcessor {
    private final Duration idleTimeout;

    ServerIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            String setTimeout = "SET SESSION wait_timeout = " + Math.max(1, idleTimeout.toSeconds());
            String existing = pool.getConnectionInitSql();
            if (existing != null && !existing.isBlank()) {
                throw new IllegalStateException("spring.datasource.hikari.connection-init-sql is set (" + existing
                        + "); the event store needs '" + setTimeout + "' too: merge them here");
            }
            pool.setConnectionInitSql(setTimeout);
            long keepalive = Math.max(30_000, idleTimeout.toMillis() / 2);
            if (pool.getKeepaliveTime() == 0 || pool.getKeepaliveTime() > keepalive) {
                pool.setKeepaliveTime(keepalive);
            }
        }
        return bean;
    }
}
