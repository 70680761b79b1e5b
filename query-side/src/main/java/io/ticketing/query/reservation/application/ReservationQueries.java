package io.ticketing.query.reservation.application;

import io.ticketing.api.common.UserId;
import io.ticketing.projections.reservations.PaymentOrderView;
import io.ticketing.projections.reservations.PaymentOrderViewRepository;
import io.ticketing.projections.reservations.ReservationView;
import io.ticketing.projections.reservations.ReservationViewRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user's own reservations; someone else's reservation is answered exactly like one that does not exist. */
@Service
@Transactional(readOnly = true)
public class ReservationQueries {
    private final ReservationViewRepository reservations;
    private final PaymentOrderViewRepository payments;

    public ReservationQueries(ReservationViewRepository reservations, PaymentOrderViewRepository payments) {
        this.reservations = reservations;
        this.payments = payments;
    }

    public record Payment(String paymentOrderId, String status) {
    }

    public record Reservation(String reservationId, String scheduleId, String userId, String status,
                              List<String> seatIds, long totalPrice, String currency, Instant expiresAt,
                              Payment payment) {
    }

    public Optional<Reservation> ownReservation(UserId owner, String reservationId) {
        return reservations.findByReservationIdAndUserId(reservationId, owner.value())
                .map(r -> toReservation(r, latestPayments(List.of(r))));
    }

    /** Newest first. */
    public List<Reservation> ownReservations(UserId owner) {
        List<ReservationView> found = reservations.findByUserIdOrderByCreatedAtDescReservationIdDesc(owner.value());
        Map<String, PaymentOrderView> latest = latestPayments(found);
        return found.stream().map(r -> toReservation(r, latest)).toList();
    }

    /** Every reservation of a schedule, oldest first: for admins (audits, support). */
    public List<Reservation> scheduleReservations(String scheduleId) {
        List<ReservationView> found = reservations.findByScheduleIdOrderByCreatedAtAscReservationIdAsc(scheduleId);
        Map<String, PaymentOrderView> latest = latestPayments(found);
        return found.stream().map(r -> toReservation(r, latest)).toList();
    }

    /** The newest payment order of each reservation (an earlier one may have failed). */
    private Map<String, PaymentOrderView> latestPayments(List<ReservationView> of) {
        Map<String, PaymentOrderView> latest = new HashMap<>();
        if (!of.isEmpty()) {
            payments.findByReservationIdInOrderByCreatedAtAsc(of.stream().map(ReservationView::getReservationId).toList())
                    .forEach(p -> latest.put(p.getReservationId(), p));
        }
        return latest;
    }

    private static Reservation toReservation(ReservationView r, Map<String, PaymentOrderView> latest) {
        PaymentOrderView p = latest.get(r.getReservationId());
        return new Reservation(r.getReservationId(), r.getScheduleId(), r.getUserId(), r.getStatus().name(),
                r.getSeatIds(), r.getTotalPrice(), r.getCurrency(), r.getExpiresAt(),
                p == null ? null : new Payment(p.getPaymentOrderId(), p.getStatus().name()));
    }
}
