package io.ticketing.projections.readmodel;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-model writes that go to the database as JDBC batches: a projection adds its statements while it
 * handles a processor batch, and they are sent, in order, just before that batch's transaction commits
 * (consecutive statements with the same SQL form one JDBC batch). One round trip for many rows instead of
 * one per event.
 * <p>
 * A statement that fails at that point fails the whole processor batch, which its processor then retries;
 * so that a bad event still lands in the dead-letter queue (or is seen by a rebuild) instead of failing
 * forever, that processor's thread runs unbatched after a failed flush — each statement at once, inside its
 * event handler — until a batch commits again.
 */
@Component
public class BatchedStatements {
    private static final Logger log = LoggerFactory.getLogger(BatchedStatements.class);
    private static final String RESOURCE = BatchedStatements.class.getName();
    private static final String RECOVERY = RESOURCE + ".recovery";
    /** Set on a processor's thread when its last flush failed; cleared when a batch commits. */
    private static final ThreadLocal<Boolean> UNBATCHED = ThreadLocal.withInitial(() -> false);
    /** Set on a thread for the duration of {@link #direct}. */
    private static final ThreadLocal<Boolean> DIRECT = ThreadLocal.withInitial(() -> false);

    private final JdbcTemplate jdbc;

    public BatchedStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted() || DIRECT.get()) {
            jdbc.update(sql, arguments);
            return;
        }
        if (UNBATCHED.get()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(RECOVERY, key -> {
                root.afterCommit(u -> UNBATCHED.set(false));
                return Boolean.TRUE;
            });
            jdbc.update(sql, arguments);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Pending pending = root.getOrComputeResource(RESOURCE, key -> {
            Pending created = new Pending();
            root.onPrepareCommit(u -> flush(created));
            return created;
        });
        pending.add(sql, arguments);
    }

    /**
     * Runs {@code work} (an event's handling) with its statements sent at once, after those added before it, so a
     * statement that fails fails inside that event's handler, where the processor's error handling sees it, and
     * not later in the flush of the whole batch. For events known to be likely to fail (those of aggregates
     * parked in a dead-letter queue): the rest of the batch stays batched.
     */
    public <T> T direct(java.util.concurrent.Callable<T> work) throws Exception {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (pending != null) {
                flush(pending);
            }
        }
        boolean outer = DIRECT.get();
        DIRECT.set(true);
        try {
            return work.call();
        } finally {
            DIRECT.set(outer);
        }
    }

    /**
     * A write whose outcome the caller needs at once (a guarded update): statements added earlier in this
     * unit of work are sent first, so the order of writes is the order of events.
     */
    public int update(String sql, Object... arguments) {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (pending != null) {
                flush(pending);
            }
        }
        return jdbc.update(sql, arguments);
    }

    private void flush(Pending pending) {
        try {
            pending.flush(jdbc);
        } catch (RuntimeException e) {
            UNBATCHED.set(true);
            log.warn("A batch of read-model writes failed ({}); the retry runs event by event so the failing event "
                    + "can be parked", e.getMessage());
            throw e;
        }
    }

    private static final class Pending {
        private final List<String> sql = new ArrayList<>();
        private final List<Object[]> arguments = new ArrayList<>();

        void add(String statement, Object[] values) {
            sql.add(statement);
            arguments.add(values);
        }

        void flush(JdbcTemplate jdbc) {
            int start = 0;
            while (start < sql.size()) {
                int end = start;
                while (end < sql.size() && sql.get(end).equals(sql.get(start))) {
                    end++;
                }
                if (end - start == 1) {
                    jdbc.update(sql.get(start), arguments.get(start));
                } else {
                    jdbc.batchUpdate(sql.get(start), arguments.subList(start, end));
                }
                start = end;
            }
            sql.clear();
            arguments.clear();
        }
    }
}
