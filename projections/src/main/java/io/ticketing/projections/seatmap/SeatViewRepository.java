package io.ticketing.projections.seatmap;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SeatViewRepository extends JpaRepository<SeatView, String> {
    List<SeatView> findByScheduleIdOrderBySectionAscSeatRowAscSeatNumberAsc(String scheduleId);

    /** The seat map's rows in seat order (section, row, number), straight into records: no entities to track. */
    @Query("select new io.ticketing.projections.seatmap.SeatMapRow(s.seatLabel, s.section, s.grade, s.price, s.currency, s.status)"
            + " from SeatView s where s.scheduleId = :scheduleId order by s.section, s.seatRow, s.seatNumber")
    List<SeatMapRow> seatMapOf(String scheduleId);

    @Query("select s.status as status, count(s) as seats from SeatView s where s.scheduleId = :scheduleId group by s.status")
    List<StatusCount> countByStatus(String scheduleId);

    interface StatusCount {
        SeatStatus getStatus();

        long getSeats();
    }
}
