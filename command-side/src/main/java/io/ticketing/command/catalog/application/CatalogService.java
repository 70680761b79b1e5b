package io.ticketing.command.catalog.application;

import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.RegisterConcert;
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
import java.util.Optional;

/** Turns an admin's concert into the command that creates it, its schedules and all their seats. */
@Service
public class CatalogService {
    private final CommandGateway commandGateway;
    private final CatalogProperties properties;
    private final ConcertCreationJobs jobs;

    public CatalogService(CommandGateway commandGateway, CatalogProperties properties, ConcertCreationJobs jobs) {
        this.commandGateway = commandGateway;
        this.properties = properties;
        this.jobs = jobs;
    }

    /** A concert created within the request, or a job accepted to create it. */
    public sealed interface Creation permits Created, Accepted {
    }

    public record Created(NewConcert concert) implements Creation {
    }

    public record Accepted(ConcertCreationJobs.JobResponse job) implements Creation {
    }

    /**
     * Up to {@code batch-seats} seats, the concert is created in one transaction ({@link #createConcert}); up to
     * {@code sync-max-seats}, in batches within the request; a larger one becomes a creation job. Batches because
     * one unit of work holding 20,000 new aggregates until its commit made every young collection copy them (GC
     * pauses of 100-400 ms during a creation, docs/benchmarks.md); either way the concert's own event comes last, so
     * nothing of it is visible or sellable before every seat is stored.
     */
    public Creation create(String title, String venue, List<ScheduleInput> schedules, List<SectionInput> sections) {
        long seats = refuseTooManySeats(schedules.size(), sections);
        if (seats <= properties.batchSeats()) {
            return new Created(createConcert(title, venue, schedules, sections));
        }
        RegisterConcert concert = new RegisterConcert(ConcertId.random(), title, venue, scheduleDetails(schedules),
                sectionDetails(sections));
        if (seats <= properties.syncMaxSeats()) {
            jobs.createNow(concert);
            return new Created(new NewConcert(concert.concertId(),
                    concert.schedules().stream().map(ScheduleDetails::scheduleId).toList()));
        }
        return new Accepted(jobs.submit(concert));
    }

    public Optional<ConcertCreationJobs.JobResponse> job(String jobId) {
        return jobs.find(jobId);
    }

    public record ScheduleInput(Instant startsAt, Instant salesOpenAt) {
    }

    public record SectionInput(String name, String grade, long price, String currency, int rows, int seatsPerRow) {
    }

    public NewConcert createConcert(String title, String venue, List<ScheduleInput> schedules, List<SectionInput> sections) {
        refuseTooManySeats(schedules.size(), sections);
        ConcertId concertId = ConcertId.random();
        List<ScheduleDetails> scheduleDetails = scheduleDetails(schedules);
        List<SectionDetails> sectionDetails = sectionDetails(sections);
        commandGateway.sendAndWait(new CreateConcert(concertId, title, venue, scheduleDetails, sectionDetails));
        return new NewConcert(concertId, scheduleDetails.stream().map(ScheduleDetails::scheduleId).toList());
    }

    private static List<ScheduleDetails> scheduleDetails(List<ScheduleInput> schedules) {
        return schedules.stream().map(s -> new ScheduleDetails(ScheduleId.random(), s.startsAt(), s.salesOpenAt()))
                .toList();
    }

    private static List<SectionDetails> sectionDetails(List<SectionInput> sections) {
        return sections.stream()
                .map(s -> new SectionDetails(s.name(), s.grade(), new Money(s.price(), s.currency()), s.rows(),
                        s.seatsPerRow()))
                .toList();
    }

    /** Refused before any command or job: this bounds what one admin request costs the event store. */
    private long refuseTooManySeats(int scheduleCount, List<SectionInput> sections) {
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
        return seats;
    }
}
