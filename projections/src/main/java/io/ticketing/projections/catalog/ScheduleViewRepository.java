package io.ticketing.projections.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface ScheduleViewRepository extends JpaRepository<ScheduleView, String> {
    List<ScheduleView> findByConcertIdInOrderByStartsAt(Collection<String> concertIds);
}
