package io.ticketing.query.reservation.api;

import io.ticketing.infra.security.CurrentUser;
import io.ticketing.infra.web.ProblemException;
import io.ticketing.query.reservation.application.ReservationQueries;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class ReservationQueryController {
    private final ReservationQueries reservations;

    public ReservationQueryController(ReservationQueries reservations) {
        this.reservations = reservations;
    }

    @GetMapping("/api/reservations/{reservationId}")
    public ReservationQueries.Reservation one(@PathVariable String reservationId) {
        return reservations.ownReservation(CurrentUser.id(), reservationId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "urn:ticketing:reservation-not-found",
                        "Reservation not found", "Reservation " + reservationId + " was not found."));
    }

    /** ADMIN (all of /api/admin is): every reservation of a schedule, e.g. to audit a sale. */
    @GetMapping("/api/admin/schedules/{scheduleId}/reservations")
    public List<ReservationQueries.Reservation> ofSchedule(@PathVariable String scheduleId) {
        return reservations.scheduleReservations(scheduleId);
    }

    @GetMapping("/api/me/reservations")
    public List<ReservationQueries.Reservation> mine() {
        return reservations.ownReservations(CurrentUser.id());
    }
}
