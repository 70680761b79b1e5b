package io.ticketing.command.reservation.application;

import io.ticketing.api.common.ReservationId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The running holds this instance knows of, in memory: when each is due to expire, and where in the event store
 * it began. Nothing is written per hold; the structure is rebuilt from the event store at start-up.
 *
 * <p>Due times sit in a priority queue (O(log n) per hold; an ended hold's queue entry is dropped when it
 * comes up rather than searched for). The event-store positions of the running holds give the low-water mark:
 * every hold that began before it has ended, so a restart needs to read only the events from there on.
 * Called from the tracking processor's thread and from the expiry thread, hence synchronized.
 *
 * <p>The mark never passes a gap in the global index that may still fill (a transaction not yet committed). Most
 * gaps never fill (a rolled-back append leaves its AUTO_INCREMENT values unused), so a gap older than the gap timeout (the event store's: no transaction can commit
 * into a gap that old) counts as empty. The gaps are looked at when the mark is computed, every few seconds, not
 * per event.
 */
final class PendingExpiries {
    private record Due(Instant at, ReservationId reservationId) {
    }

    private static final class Hold {
        final long position;
        /** When it is next due; null while its expiry is being sent, or once sent and waiting for its end event. */
        Instant dueAt;

        Hold(long position, Instant dueAt) {
            this.position = position;
            this.dueAt = dueAt;
        }
    }

    private final Map<ReservationId, Hold> holds = new HashMap<>();
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final TreeMap<Long, ReservationId> byPosition = new TreeMap<>();
    /** Every event before this position has been seen (so every hold that began there is known). */
    private long seenBefore;
    /** The position and gaps of the last event seen, kept as they are: looked at only by {@link #lowWaterMark}. */
    private long lastIndex = -1;
    private SortedSet<Long> lastGaps = Collections.emptySortedSet();
    /** When each gap still open was first noticed. */
    private final Map<Long, Instant> gapsSince = new HashMap<>();

    private final long startPosition;

    /** Knows of no hold yet; the events from {@code startPosition} on are to be fed to it. */
    PendingExpiries(long startPosition) {
        this.startPosition = startPosition;
        this.seenBefore = startPosition;
    }

    long startPosition() {
        return startPosition;
    }

    /** A hold began at {@code position} (its ReservationHeld's global index) and runs until {@code expiresAt}. */
    synchronized void held(ReservationId reservationId, Instant expiresAt, long position) {
        if (holds.containsKey(reservationId)) {
            return; // the same event seen again (a processor retrying its batch)
        }
        holds.put(reservationId, new Hold(position, expiresAt));
        byPosition.put(position, reservationId);
        queue.add(new Due(expiresAt, reservationId));
    }

    /** The hold ended (expired, released, confirmed): it will not be sent. Unknown holds are ignored. */
    synchronized void ended(ReservationId reservationId) {
        Hold hold = holds.remove(reservationId);
        if (hold != null) {
            byPosition.remove(hold.position);
        }
    }

    /**
     * Every event up to {@code index} has been delivered to {@link #held} / {@link #ended} but those at {@code gaps}
     * (not committed yet, or never to be). Cheap: the gaps are only kept, not examined.
     */
    synchronized void seen(long index, SortedSet<Long> gaps) {
        lastIndex = index;
        lastGaps = gaps;
    }

    /** The holds due at {@code now}, each handed out once (until {@link #retry}). */
    synchronized List<ReservationId> due(Instant now) {
        return due(now, Integer.MAX_VALUE);
    }

    /** At most {@code max} of the holds due at {@code now}, earliest first; the others stay for the next call. */
    synchronized List<ReservationId> due(Instant now, int max) {
        List<ReservationId> due = new ArrayList<>(Math.min(max, 16));
        while (due.size() < max && !queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Due next = queue.poll();
            Hold hold = holds.get(next.reservationId());
            if (hold != null && next.at().equals(hold.dueAt)) {
                hold.dueAt = null;
                due.add(next.reservationId());
            }
        }
        return due;
    }

    /** Hand the hold out again at {@code at} (its expiry failed, or was asked too early), unless it ended meanwhile. */
    synchronized void retry(ReservationId reservationId, Instant at) {
        Hold hold = holds.get(reservationId);
        if (hold != null) {
            hold.dueAt = at;
            queue.add(new Due(at, reservationId));
        }
    }

    /**
     * The low-water mark at {@code now}: every hold that began before this event-store position has ended, and
     * every event before it has been seen, but for gaps older than {@code gapTimeout}. A restart that reads from
     * here on finds every hold still running.
     */
    synchronized long lowWaterMark(Instant now, Duration gapTimeout) {
        if (lastIndex >= 0) {
            gapsSince.keySet().retainAll(lastGaps);
            Instant givenUp = now.minus(gapTimeout);
            long bound = lastIndex + 1;
            for (Long gap : lastGaps) {
                if (!gapsSince.computeIfAbsent(gap, g -> now).isBefore(givenUp)) {
                    bound = Math.min(bound, gap);
                }
            }
            seenBefore = Math.max(seenBefore, bound);
        }
        return byPosition.isEmpty() ? seenBefore : Math.min(seenBefore, byPosition.firstKey());
    }

    synchronized int size() {
        return holds.size();
    }
}
