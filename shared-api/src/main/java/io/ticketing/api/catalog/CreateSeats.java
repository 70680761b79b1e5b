package io.ticketing.api.catalog;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.ScheduleId;

/**
 * One batch of a large concert's seats: rows {@code fromRow..toRow} (inclusive) of one section of one schedule, each
 * seat its own aggregate, appended in one transaction. The seats stay unsellable and out of every listing until
 * {@link RegisterConcert} records the concert: nobody is admitted to a schedule the catalog does not know.
 */
public record CreateSeats(ConcertId concertId, ScheduleId scheduleId, SectionDetails section, int fromRow, int toRow) {
    public int seatCount() {
        return (toRow - fromRow + 1) * section.seatsPerRow();
    }
}
