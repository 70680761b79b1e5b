package io.ticketing.infra.eventstore;

import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;

import java.util.List;

/**
 * Axon's own resolver, told the one code that matters: an append that fails on the (aggregate id, sequence
 * number) key is MySQL's and MariaDB's error 1062, so Axon reports a concurrent modification instead of a generic
 * failure. A named subclass rather than Axon's lookup by product name: the resolver is built where no data source
 * is at hand yet, and both databases the engine runs on (MariaDB here, MySQL 8 in compose) report 1062.
 */
public class DuplicateKeyResolver extends SQLErrorCodesResolver {
    /** ER_DUP_ENTRY. */
    static final int DUPLICATE_ENTRY = 1062;

    public DuplicateKeyResolver() {
        super(List.of(DUPLICATE_ENTRY));
    }
}
