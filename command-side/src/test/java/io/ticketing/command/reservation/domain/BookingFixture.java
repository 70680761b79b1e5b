package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.ConcertId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CompletePayment;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.command.payment.domain.PaymentOrder;
import io.ticketing.command.seat.domain.Seat;
import io.ticketing.testsupport.MovableClock;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The booking world in memory, for specifications of the rules that span aggregates (seats, reservation, the
 * user's hold quota, payment orders), in the manner of ddd-by-examples/library's PatronFixture: say what has
 * happened in the buyers' words, then what a command does and what it appends (or that it is refused and appends
 * nothing). Each command runs in one unit of work on an in-memory event store, as {@link Booking} does in the app.
 * <pre>
 * BookingFixture sale = BookingFixture.aScheduleOnSale("A-1-1", "A-1-2");
 * ReservationId alices = sale.holds(ALICE, "A-1-1");
 * sale.whenHolding(BOB, "A-1-1").isRefusedWith(SeatsUnavailable.class);
 * </pre>
 */
public final class BookingFixture {
    public static final ScheduleId SCHEDULE = new ScheduleId("evening");
    public static final Money PRICE = new Money(50_000, "KRW");
    public static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    /** The hold time of {@link #policy}. */
    public static final Duration HOLD_TTL = Duration.ofMinutes(5);

    private final List<Object> appended = new ArrayList<>();
    /** The booking's time: fixed, until a specification lets it run on. */
    private final MovableClock clock = new MovableClock(NOW);
    private final EventSourcingRepository<PaymentOrder> payments;
    private final Booking booking;
    private final SeatHoldHints hints = new SeatHoldHints(clock);
    /** When {@link #SCHEDULE}'s show starts. */
    private Instant showStartsAt = NOW.plus(Duration.ofDays(30));
    private int reservations;
    private int orders;

    private BookingFixture(List<String> seatLabels, Cache reservationCache) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        eventStore.subscribe(events -> events.stream().map(EventMessage::getPayload).forEach(appended::add));
        EventSourcingRepository<Seat> seats = EventSourcingRepository.builder(Seat.class).eventStore(eventStore).build();
        EventSourcingRepository.Builder<Reservation> reservationRepository = EventSourcingRepository.builder(Reservation.class)
                .eventStore(eventStore);
        if (reservationCache != null) {
            reservationRepository.cache(reservationCache);
        }
        payments = EventSourcingRepository.builder(PaymentOrder.class).eventStore(eventStore).build();
        booking = new Booking(seats, reservationRepository.build(),
                EventSourcingRepository.builder(HoldQuota.class).eventStore(eventStore).build(), payments,
                new HoldPolicy(HOLD_TTL, 4, 1),
                schedule -> schedule.equals(SCHEDULE) ? Optional.of(showStartsAt) : Optional.empty(), clock, hints);
        for (String label : seatLabels) {
            inUnitOfWork(() -> seats.newInstance(() -> new Seat(seat(label), new ConcertId("c"), "R", PRICE)));
        }
        appended.clear();
    }

    /** {@link #SCHEDULE} on sale with these seats at {@link #PRICE} each, its show 30 days off, the clock at {@link #NOW}. */
    public static BookingFixture aScheduleOnSale(String... seatLabels) {
        return new BookingFixture(List.of(seatLabels), null);
    }

    /** The same, with the reservations kept in this cache between commands, as the app keeps them. */
    public static BookingFixture aScheduleOnSale(Cache reservationCache, String... seatLabels) {
        return new BookingFixture(List.of(seatLabels), reservationCache);
    }

    public static SeatId seat(String label) {
        return SeatId.of(SCHEDULE, label);
    }

    public static List<SeatPosition> positions(String... labels) {
        return List.of(labels).stream().map(SeatPosition::parse).toList();
    }

    public Booking booking() {
        return booking;
    }

    public Clock clock() {
        return clock;
    }

    /** What the booking told of the holds it committed (asked before a hold is sent, in the app). */
    public SeatHoldHints hints() {
        return hints;
    }

    /** The payment orders, as the payment provider's callbacks reach them. */
    public Repository<PaymentOrder> payments() {
        return payments;
    }

    /** Every event appended since the list was last cleared (each {@link #when} clears it first). */
    public List<Object> appended() {
        return appended;
    }

    /** {@link #SCHEDULE}'s show starts at this time from now on. */
    public BookingFixture showStartsAt(Instant startsAt) {
        this.showStartsAt = startsAt;
        return this;
    }

    // ---- what has happened ---------------------------------------------------------------------------------

    /** A hold command for a new reservation of {@code user}'s. */
    public HoldSeats holdOf(UserId user, String... seats) {
        return new HoldSeats(new ReservationId("r-" + ++reservations), SCHEDULE, user, positions(seats));
    }

    /** {@code user} holds these seats. */
    public ReservationId holds(UserId user, String... seats) {
        HoldSeats hold = holdOf(user, seats);
        inUnitOfWork(() -> booking.handle(hold));
        return hold.reservationId();
    }

    /** The holder opens a payment order for the held price and the provider reports it paid. */
    public PaymentOrderId pays(ReservationId reservation, UserId holder) {
        PaymentOrderId order = new PaymentOrderId("p-" + ++orders);
        inUnitOfWork(() -> booking.handle(new CreatePaymentOrder(order, reservation, holder)));
        inUnitOfWork(() -> {
            payments.load(order.value()).execute(p -> p.complete(new CompletePayment(order, "key-" + order.value(), p.amount())));
            return null;
        });
        return order;
    }

    /** {@code holder} buys the held seats: pays, and the reservation process confirms with the paid amount. */
    public PaymentOrderId buys(ReservationId reservation, UserId holder) {
        PaymentOrderId order = pays(reservation, holder);
        inUnitOfWork(() -> booking.handle(confirmationOf(reservation, order)));
        return order;
    }

    /** What the reservation process sends for a completed payment of the order. */
    public ConfirmReservation confirmationOf(ReservationId reservation, PaymentOrderId order) {
        Money amount = inUnitOfWork(() -> payments.load(order.value()).invoke(PaymentOrder::amount));
        return new ConfirmReservation(reservation, order, amount);
    }

    public void cancels(ReservationId reservation, UserId holder) {
        inUnitOfWork(() -> booking.handle(new CancelReservation(reservation, holder)));
    }

    /** The hold's time runs out and the expiry asks for it. */
    public void expires(ReservationId reservation) {
        timePasses(HOLD_TTL.plusMinutes(1));
        inUnitOfWork(() -> booking.handle(new ExpireHold(reservation)));
    }

    public BookingFixture timePasses(Duration duration) {
        clock.advance(duration);
        return this;
    }

    // ---- what a command does -------------------------------------------------------------------------------

    /** A command given to the booking. */
    @FunctionalInterface
    public interface Command {
        Object sendTo(Booking booking) throws Exception;
    }

    /** Runs one command in its own unit of work and keeps what it appended, or why it was refused. */
    public Outcome when(Command command) {
        appended.clear();
        Throwable refusal = catchThrowable(() -> inUnitOfWork(() -> command.sendTo(booking)));
        return new Outcome(List.copyOf(appended), refusal);
    }

    /** When {@code user} asks to hold these seats (a new reservation). */
    public Outcome whenHolding(UserId user, String... seats) {
        HoldSeats hold = holdOf(user, seats);
        return when(booking -> booking.handle(hold));
    }

    public <T> T inUnitOfWork(Callable<T> work) {
        var result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("fixture")).executeWithResult(work);
        if (result.isExceptional()) {
            Throwable e = result.exceptionResult();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return result.getPayload();
    }

    public record Outcome(List<Object> events, Throwable refusal) {
        /** Accepted, appending exactly these events in this order. */
        public Outcome appends(Object... expected) {
            assertThat(refusal).as("refusal").isNull();
            assertThat(events).containsExactly(expected);
            return this;
        }

        /** Accepted, appending events of exactly these types in this order. */
        public Outcome appendsEventsOf(Class<?>... types) {
            assertThat(refusal).as("refusal").isNull();
            assertThat(events.stream().<Class<?>>map(Object::getClass).toList()).containsExactly(types);
            return this;
        }

        /** Accepted and nothing changed (a repeated or late command). */
        public Outcome changesNothing() {
            assertThat(refusal).as("refusal").isNull();
            assertThat(events).isEmpty();
            return this;
        }

        /** Refused for this reason, with nothing appended. */
        public Outcome isRefusedWith(Class<? extends Throwable> reason) {
            assertThat(refusal).isInstanceOf(reason);
            assertThat(events).as("a refused command appends nothing").isEmpty();
            return this;
        }
    }
}
