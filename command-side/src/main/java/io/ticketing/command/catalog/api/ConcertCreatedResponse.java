package io.ticketing.command.catalog.api;

import java.util.List;

public record ConcertCreatedResponse(String concertId, List<String> scheduleIds) {
}
