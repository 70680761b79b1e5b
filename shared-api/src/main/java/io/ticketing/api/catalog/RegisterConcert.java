package io.ticketing.api.catalog;

import io.ticketing.api.common.ConcertId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records a concert whose seats {@link CreateSeats} batches have already appended: its {@code ConcertCreated} is the
 * event that makes the concert and its schedules visible and sellable, so it comes last.
 */
public record RegisterConcert(@TargetAggregateIdentifier ConcertId concertId,
                              String title,
                              String venue,
                              List<ScheduleDetails> schedules,
                              List<SectionDetails> sections) {
}
