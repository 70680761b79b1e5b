package io.ticketing.projections.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ConcertViewRepository extends JpaRepository<ConcertView, String> {
    List<ConcertView> findAllByOrderByCreatedAtDesc();
}
