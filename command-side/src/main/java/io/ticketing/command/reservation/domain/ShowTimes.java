package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ScheduleId;

import java.time.Instant;
import java.util.Optional;

/** When a schedule's show starts: after that moment a sold ticket is used (or forfeited), not refundable. */
@FunctionalInterface
public interface ShowTimes {
    Optional<Instant> startsAt(ScheduleId scheduleId);
}
