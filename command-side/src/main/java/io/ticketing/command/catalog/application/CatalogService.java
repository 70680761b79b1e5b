package io.ticketing.command.catalog.application;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.infra.web.ProblemException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns an admin's concert into the command that creates it, its schedules and all their seats. */
@Service
public class CatalogService {
    private final CommandGateway commandGateway;
    private final CatalogProperties properties;

    public CatalogService(CommandGateway commandGateway, CatalogProperties properties) {
        this.commandGateway = commandGateway;
        this.properties = properties;
    }

    public record ScheduleInput(Instant startsAt, Instant salesOpenAt) {
    }

    public record SectionInput(String name, String grade, long price, String currency, int rows, int seatsPerRow) {
    }

    public NewConcert createConcert(String title, String venue, List<ScheduleInput> schedules, List<SectionInput> sections) {
        refuseTooManySeats(schedules.size(), sections);
        ConcertId concertId = ConcertId.random();
        List<ScheduleDetails> scheduleDetails = schedules.stream()
                .map(s -> new ScheduleDetails(ScheduleId.random(), s.startsAt(), s.salesOpenAt()))
                .toList();
        List<SectionDetails> sectionDetails = sections.stream()
                .map(s -> new SectionDetails(s.name(), s.grade(), new Money(s.price(), s.currency()), s.rows(),
                        s.seatsPerRow()))
                .toList();
        commandGateway.sendAndWait(new CreateConcert(concertId, title, venue, scheduleDetails, sectionDetails));
        return new NewConcert(concertId, scheduleDetails.stream().map(ScheduleDetails::scheduleId).toList());
    }

    /** Refused before any command: every seat would be appended in one transaction. */
    private void refuseTooManySeats(int scheduleCount, List<SectionInput> sections) {
        long seatsPerSchedule = sections.stream().mapToLong(s -> (long) s.rows() * s.seatsPerRow()).sum();
        long seats = seatsPerSchedule * scheduleCount;
        if (seats > properties.maxSeatsPerConcert()) {
            String message = "a concert may have at most " + properties.maxSeatsPerConcert()
                    + " seats over all its schedules (seats per schedule x schedules); this one has " + seats;
            throw new ProblemException(HttpStatus.BAD_REQUEST, "urn:ticketing:invalid-request", "Invalid request",
                    "The request has 1 invalid field(s).",
                    Map.of("errors", List.of(Map.of("field", "seatCount", "message", message)),
                            "maxSeatsPerConcert", properties.maxSeatsPerConcert(), "seats", seats));
        }
    }
}
