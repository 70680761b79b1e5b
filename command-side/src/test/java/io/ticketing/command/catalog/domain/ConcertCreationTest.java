package io.ticketing.command.catalog.domain;

import io.ticketing.api.catalog.ConcertCreated;
import io.ticketing.api.catalog.CreateConcert;
import io.ticketing.api.catalog.CreateSeats;
import io.ticketing.api.catalog.RegisterConcert;
import io.ticketing.api.catalog.ScheduleDetails;
import io.ticketing.api.catalog.SectionDetails;
import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.seat.SeatCreated;
import io.ticketing.command.seat.domain.Seat;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification: creating a concert creates every seat of every schedule, in one unit of work.
 * (Axon's aggregate fixture takes events of one aggregate type only; this handler writes two, so the
 * specification runs it on an in-memory event store instead.)
 */
class ConcertCreationTest {
    private static final ConcertId CONCERT = new ConcertId("concert-1");
    private static final ScheduleId EVENING = new ScheduleId("evening");
    private static final ScheduleId MATINEE = new ScheduleId("matinee");
    private static final Money VIP_PRICE = new Money(150_000, "KRW");
    private static final Money R_PRICE = new Money(90_000, "KRW");

    private EmbeddedEventStore eventStore;
    private ConcertCreation creation;
    private final List<Object> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        eventStore.subscribe(events -> events.stream().map(EventMessage::getPayload).forEach(published::add));
        creation = new ConcertCreation(
                EventSourcingRepository.builder(Concert.class).eventStore(eventStore).build(),
                EventSourcingRepository.builder(Seat.class).eventStore(eventStore).build());
    }

    private void when(CreateConcert command) {
        whenHandled(command, () -> creation.handle(command));
    }

    private interface Handling {
        void run() throws Exception;
    }

    private void whenHandled(Object command, Handling handling) {
        var result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command)).executeWithResult(() -> {
            handling.run();
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("the command was refused", result.exceptionResult());
        }
    }

    @Test
    void aConcertComesWithEverySeatOfEverySchedule() {
        List<ScheduleDetails> schedules = List.of(
                new ScheduleDetails(MATINEE, Instant.parse("2026-12-24T14:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")),
                new ScheduleDetails(EVENING, Instant.parse("2026-12-24T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")));
        List<SectionDetails> sections = List.of(
                new SectionDetails("A", "VIP", VIP_PRICE, 1, 2),
                new SectionDetails("B", "R", R_PRICE, 1, 1));

        when(new CreateConcert(CONCERT, "Winter Gala", "Olympic Hall", schedules, sections));

        assertThat(published).containsExactly(
                new ConcertCreated(CONCERT, "Winter Gala", "Olympic Hall", schedules, sections),
                new SeatCreated(SeatId.of(MATINEE, "A-1-1"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(MATINEE, "A-1-2"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(MATINEE, "B-1-1"), CONCERT, "R", R_PRICE),
                new SeatCreated(SeatId.of(EVENING, "A-1-1"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(EVENING, "A-1-2"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(EVENING, "B-1-1"), CONCERT, "R", R_PRICE));
        assertThat(eventStore.readEvents(SeatId.of(EVENING, "B-1-1").toString()).asStream()).hasSize(1);
    }

    @Test
    void aSectionNamedTwiceIsRefusedAndNothingIsCreated() {
        List<ScheduleDetails> schedules = List.of(
                new ScheduleDetails(EVENING, Instant.parse("2026-12-24T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")));
        List<SectionDetails> sections = List.of(
                new SectionDetails("A", "VIP", VIP_PRICE, 1, 1),
                new SectionDetails("A", "R", R_PRICE, 1, 1));

        assertThatThrownBy(() -> when(new CreateConcert(CONCERT, "Winter Gala", "Olympic Hall", schedules, sections)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void aBatchCreatesItsRowsOfOneSectionOfOneScheduleAndNoConcert() {
        SectionDetails section = new SectionDetails("A", "VIP", VIP_PRICE, 3, 2);
        CreateSeats batch = new CreateSeats(CONCERT, EVENING, section, 2, 3);

        whenHandled(batch, () -> creation.handle(batch));

        assertThat(published).containsExactly(
                new SeatCreated(SeatId.of(EVENING, "A-2-1"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(EVENING, "A-2-2"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(EVENING, "A-3-1"), CONCERT, "VIP", VIP_PRICE),
                new SeatCreated(SeatId.of(EVENING, "A-3-2"), CONCERT, "VIP", VIP_PRICE));
        assertThat(batch.seatCount()).isEqualTo(4);
    }

    @Test
    void aBatchOutsideItsSectionIsRefusedAndNothingIsCreated() {
        SectionDetails section = new SectionDetails("A", "VIP", VIP_PRICE, 3, 2);
        CreateSeats batch = new CreateSeats(CONCERT, EVENING, section, 3, 4);

        assertThatThrownBy(() -> whenHandled(batch, () -> creation.handle(batch)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void registeringAConcertRecordsOnlyTheConcert() {
        List<ScheduleDetails> schedules = List.of(
                new ScheduleDetails(EVENING, Instant.parse("2026-12-24T19:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")));
        List<SectionDetails> sections = List.of(new SectionDetails("A", "VIP", VIP_PRICE, 100, 100));
        RegisterConcert register = new RegisterConcert(CONCERT, "Stadium", "Bowl", schedules, sections);

        whenHandled(register, () -> creation.handle(register));

        assertThat(published).containsExactly(new ConcertCreated(CONCERT, "Stadium", "Bowl", schedules, sections));
    }
}
