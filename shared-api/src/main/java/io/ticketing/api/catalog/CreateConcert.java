package io.ticketing.api.catalog;

import io.ticketing.api.common.ConcertId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Puts a concert, its schedules and every seat of every schedule into the write model. */
public record CreateConcert(@TargetAggregateIdentifier ConcertId concertId,
                            String title,
                            String venue,
                            List<ScheduleDetails> schedules,
                            List<SectionDetails> sections) {
}
