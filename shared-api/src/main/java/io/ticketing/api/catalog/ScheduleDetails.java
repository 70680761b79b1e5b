package io.ticketing.api.catalog;

import io.ticketing.api.common.ScheduleId;

import java.time.Instant;

/** One performance of a concert: when it starts and when its sales open. */
public record ScheduleDetails(ScheduleId scheduleId, Instant startsAt, Instant salesOpenAt) {
}
