package io.ticketing.command.booking;

import io.ticketing.api.common.ReservationId;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.api.reservation.HoldSeats;
import org.axonframework.commandhandling.CommandMessage;

/**
 * The writer of a booking command: by schedule, so one schedule's seats are decided on one thread. Commands of
 * other kinds (concerts, payment callbacks) are not partitioned (-1) and run on the caller's thread as before.
 */
public class CommandPartitioner {
    private final BookingRoutes routes;
    private final int partitions;

    public CommandPartitioner(BookingRoutes routes, int partitions) {
        this.routes = routes;
        this.partitions = partitions;
    }

    public int partitionOf(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof HoldSeats hold) {
            return spread(hold.scheduleId().value());
        }
        if (payload instanceof CancelReservation cancel) {
            return byReservation(cancel.reservationId());
        }
        if (payload instanceof ExpireHold expire) {
            return byReservation(expire.reservationId());
        }
        if (payload instanceof ConfirmReservation confirm) {
            return byReservation(confirm.reservationId());
        }
        if (payload instanceof CreatePaymentOrder pay) {
            return byReservation(pay.reservationId());
        }
        return -1;
    }

    public int partitions() {
        return partitions;
    }

    private int byReservation(ReservationId reservation) {
        return spread(routes.routeOf(reservation).map(r -> r.schedule().value()).orElse(reservation.value()));
    }

    private int spread(String key) {
        return Math.floorMod(key.hashCode(), partitions);
    }
}
