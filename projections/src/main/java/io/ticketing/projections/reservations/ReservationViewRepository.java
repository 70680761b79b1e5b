package io.ticketing.projections.reservations;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface ReservationViewRepository extends JpaRepository<ReservationView, String> {
    Optional<ReservationView> findByReservationIdAndUserId(String reservationId, String userId);

    List<ReservationView> findByUserIdOrderByCreatedAtDescReservationIdDesc(String userId);

    List<ReservationView> findByScheduleIdOrderByCreatedAtAscReservationIdAsc(String scheduleId);
}
