package io.ticketing.projections.seatmap;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SeatViewRepository extends JpaRepository<SeatView, String> {
    List<SeatView> findByScheduleIdOrderBySectionAscSeatRowAscSeatNumberAsc(String scheduleId);

    @Query("select s.status as status, count(s) as seats from SeatView s where s.scheduleId = :scheduleId group by s.status")
    List<StatusCount> countByStatus(String scheduleId);

    interface StatusCount {
        SeatStatus getStatus();

        long getSeats();
    }
}
