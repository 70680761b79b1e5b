package io.ticketing.api.catalog;

import io.ticketing.api.common.ConcertId;

import java.util.List;

public record ConcertCreated(ConcertId concertId,
                             String title,
                             String venue,
                             List<ScheduleDetails> schedules,
                             List<SectionDetails> sections) {
}
