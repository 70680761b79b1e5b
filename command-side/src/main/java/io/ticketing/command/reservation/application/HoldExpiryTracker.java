package io.ticketing.command.reservation.application;

import io.ticketing.command.booking.BookingRoutes;
import io.ticketing.command.booking.RemoteEndings;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.Collections;

/**
 * Learns every hold from the event store, whichever instance took it: a held reservation joins the pending
 * expiries, one that ended (paid, released, expired) leaves them. Runs in this instance's own "hold-expiry"
 * tracking processor, whose position lives in memory only (each instance reads the whole stream; it starts at
 * the low-water mark), so it writes nothing at all.
 */
@ProcessingGroup(HoldExpiryTracker.PROCESSING_GROUP)
public class HoldExpiryTracker {
    public static final String PROCESSING_GROUP = "hold-expiry";

    private final PendingExpiries pending;
    private final BookingRoutes routes;
    private final RemoteEndings remoteEndings;

    HoldExpiryTracker(PendingExpiries pending, BookingRoutes routes, RemoteEndings remoteEndings) {
        this.pending = pending;
        this.routes = routes;
        this.remoteEndings = remoteEndings;
    }

    @EventHandler
    void on(ReservationHeld event, TrackingToken token) {
        pending.held(event.reservationId(), event.expiresAt(), token.position().orElseThrow());
        // Every instance sees every hold here, so a hold taken elsewhere is routed to its schedule's writer too.
        routes.remember(event.reservationId(), event.scheduleId(), event.seats());
        seen(token);
    }

    @EventHandler
    void on(ReservationConfirmed event, TrackingToken token) {
        remoteEndings.ended(event.reservationId(), event.scheduleId(), event.userId());
        ended(event.reservationId(), token);
    }

    @EventHandler
    void on(ReservationCancelled event, TrackingToken token) {
        remoteEndings.ended(event.reservationId(), event.scheduleId(), event.userId());
        ended(event.reservationId(), token);
    }

    @EventHandler
    void on(ReservationExpired event, TrackingToken token) {
        remoteEndings.ended(event.reservationId(), event.scheduleId(), event.userId());
        ended(event.reservationId(), token);
    }

    @EventHandler
    void on(ReservationRefunded event) {
        remoteEndings.ended(event.reservationId(), event.scheduleId(), event.userId());
    }

    /** Where its processor starts: where the pending view does, the low-water mark read at start-up. */
    public TrackingToken initialToken(StreamableMessageSource<?> eventStore) {
        long start = pending.startPosition();
        return start <= 0 ? eventStore.createTailToken() : GapAwareTrackingToken.newInstance(start - 1, Collections.emptySet());
    }

    private void ended(ReservationId reservationId, TrackingToken token) {
        pending.ended(reservationId);
        seen(token);
    }

    /** Everything up to the token's index but its gaps has been delivered: how far the low-water mark may move. */
    private void seen(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            pending.seen(gapAware.getIndex(), gapAware.getGaps());
        }
    }
}
