package io.ticketing.projections.reservations;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface PaymentOrderViewRepository extends JpaRepository<PaymentOrderView, String> {
    List<PaymentOrderView> findByReservationIdInOrderByCreatedAtAsc(Collection<String> reservationIds);
}
