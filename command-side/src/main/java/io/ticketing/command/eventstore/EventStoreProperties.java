package io.ticketing.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a transaction on the event store may last, and with it how long the publisher waits for a gap
 * in the global index ({@code ticketing.eventstore.*}; the reasoning is in {@link EventStoreConfiguration}).
 *
 * @param transactionTimeout   the longest an Axon transaction may run before its commit is refused
 * @param clockSkew            how far the clocks of two command-side instances may disagree
 * @param gapCleaningThreshold how many open gaps the publisher's token may hold before it looks for old ones
 *                             to drop (only gaps older than the gap timeout ever are)
 */
@ConfigurationProperties("ticketing.eventstore")
public record EventStoreProperties(@DefaultValue("60s") Duration transactionTimeout,
                                   @DefaultValue("10s") Duration clockSkew,
                                   @DefaultValue("250") int gapCleaningThreshold) {

    /** The server closes a connection idle for this long, in a transaction or not (MySQL and MariaDB). */
    public Duration serverIdleTimeout() {
        return transactionTimeout.compareTo(MIN_SERVER_IDLE) < 0 ? MIN_SERVER_IDLE : transactionTimeout;
    }

    /**
     * The longest time from a transaction's start to its commit reaching the database: the commit is refused
     * after {@link #transactionTimeout()}, and a commit sent later still arrives within the server's idle
     * timeout of the transaction's last statement, or finds its connection closed and the transaction rolled back.
     */
    public Duration longestTransaction() {
        return transactionTimeout.plus(serverIdleTimeout());
    }

    /**
     * An event read after a gap was stamped inside its own transaction, which began before its insert; the
     * gap's insert came before that insert (AUTO_INCREMENT hands out numbers in time order), and its
     * transaction began before its insert. So the gap's transaction began at most one longest transaction
     * before the later event's stamp and ended at most two after it: a gap older than that (plus clock skew)
     * can never be filled.
     */
    public Duration gapTimeout() {
        return longestTransaction().multipliedBy(2).plus(clockSkew);
    }

    /** Hikari's keepalive must be shorter than the server's idle timeout, or pooled idle connections get closed. */
    private static final Duration MIN_SERVER_IDLE = Duration.ofSeconds(60);
}
