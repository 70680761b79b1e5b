package io.ticketing.command.catalog.application;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;

/** Turns an admin's concert into the command that creates it, its schedules and all their seats. */
@Service
public class CatalogService {
    private final CommandGateway commandGateway;

    public CatalogService(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public record ScheduleInput(Instant startsAt, Instant salesOpenAt) {
    }

    public record SectionInput(String name, String grade, long price, String currency, int rows, int seatsPerRow) {
    }

    public NewConcert createConcert(String title, String venue, List<ScheduleInput> schedules, List<SectionInput> sections) {
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
}
