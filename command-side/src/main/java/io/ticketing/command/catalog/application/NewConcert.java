package io.ticketing.command.catalog.application;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.ScheduleId;

import java.util.List;

public record NewConcert(ConcertId concertId, List<ScheduleId> scheduleIds) {
}
