package io.ticketing.command.reservation.domain;

import io.ticketing.api.common.HoldQuotaId;
import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.ScheduleId;
import io.ticketing.api.common.SeatPosition;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.CompletePayment;
import io.ticketing.api.payment.CreatePaymentOrder;
import io.ticketing.api.payment.FailPayment;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.payment.PaymentOrderCreated;
import io.ticketing.api.payment.PaymentRefunded;
import io.ticketing.api.payment.RefundReason;
import io.ticketing.api.reservation.CancelReservation;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.api.reservation.ExpireHold;
import io.ticketing.api.reservation.HoldQuotaFreed;
import io.ticketing.api.reservation.HoldQuotaUsed;
import io.ticketing.api.reservation.HoldSeats;
import io.ticketing.api.reservation.ReservationCancelled;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.reservation.ReservationExpired;
import io.ticketing.api.reservation.ReservationHeld;
import io.ticketing.api.reservation.ReservationRefunded;
import io.ticketing.api.seat.SeatHeld;
import io.ticketing.api.seat.SeatReleaseReason;
import io.ticketing.api.seat.SeatReleased;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.command.payment.domain.PaymentNotCompleted;
import io.ticketing.command.payment.domain.PaymentOrder;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.junit.jupiter.api.AfterEach;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import static io.ticketing.command.reservation.domain.BookingFixture.HOLD_TTL;
import static io.ticketing.command.reservation.domain.BookingFixture.NOW;
import static io.ticketing.command.reservation.domain.BookingFixture.PRICE;
import static io.ticketing.command.reservation.domain.BookingFixture.SCHEDULE;
import static io.ticketing.command.reservation.domain.BookingFixture.aScheduleOnSale;
import static io.ticketing.command.reservation.domain.BookingFixture.positions;
import static io.ticketing.command.reservation.domain.BookingFixture.seat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of the booking rules that span aggregates (reservation, seats, the user's hold quota, payment
 * orders), each command one unit of work. Axon's aggregate fixture takes one aggregate type, so these run on an
 * in-memory event store ({@link BookingFixture}): given earlier commands, when a command, then exactly these events
 * (or a refusal and none).
 */
class BookingTest {
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Instant EXPIRES = NOW.plus(HOLD_TTL);

    private CacheManager cacheManager;
    private BookingFixture sale;
    private Booking booking;
    private Repository<PaymentOrder> payments;
    private List<Object> published;

    @BeforeEach
    void setUp() {
        cacheManager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        // Reservations are cached as in the app.
        sale = aScheduleOnSale(new EhCache3Adapter((Ehcache<?, ?>) cacheManager.createCache("reservations",
                        CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(100)))),
                "A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5");
        booking = sale.booking();
        payments = sale.payments();
        published = sale.appended();
    }

    @AfterEach
    void closeCache() {
        cacheManager.close();
    }

    // ---- given / when / then ------------------------------------------------------------------------------

    private <T> T run(Callable<T> work) {
        return sale.inUnitOfWork(work);
    }

    private List<Object> when(Callable<?> command) {
        published.clear();
        run(command);
        return List.copyOf(published);
    }

    private void refused(Callable<?> command, Class<? extends Throwable> refusal) {
        published.clear();
        assertThatThrownBy(() -> run(command)).isInstanceOf(refusal);
        assertThat(published).as("a refused command appends nothing").isEmpty();
    }

    private ReservationId hold(String id, UserId user, String... labels) {
        ReservationId reservation = new ReservationId(id);
        run(() -> booking.handle(new HoldSeats(reservation, SCHEDULE, user, positions(labels))));
        return reservation;
    }

    private PaymentOrderId pay(ReservationId reservation, UserId user, String id) {
        PaymentOrderId order = new PaymentOrderId(id);
        run(() -> booking.handle(new CreatePaymentOrder(order, reservation, user)));
        run(() -> {
            payments.load(id).execute(p -> p.complete(new CompletePayment(order, "key-" + id, p.amount())));
            return null;
        });
        return order;
    }

    /** The hold's time passes and the expiry wheel asks for it. */
    private void expire(ReservationId reservation) {
        sale.timePasses(Duration.ofMinutes(6));
        run(() -> booking.handle(new ExpireHold(reservation)));
    }

    // ---- holds --------------------------------------------------------------------------------------------

    @Test
    void aHoldTakesEverySeatCountsAgainstTheUserAndSchedulesItsExpiry() {
        ReservationId r = new ReservationId("r-1");
        List<Object> events = when(() -> booking.handle(new HoldSeats(r, SCHEDULE, ALICE, positions("A-1-2", "A-1-1"))));

        assertThat(events).containsExactly(
                new HoldQuotaUsed(new HoldQuotaId(SCHEDULE, ALICE), r),
                new SeatHeld(seat("A-1-1"), r, EXPIRES),
                new SeatHeld(seat("A-1-2"), r, EXPIRES),
                new ReservationHeld(r, SCHEDULE, ALICE, positions("A-1-2", "A-1-1"), new Money(100_000, "KRW"), EXPIRES));
    }

    @Test
    void anyTakenSeatRefusesTheWholeOrderNamingOnlyTheTakenOnes() {
        hold("r-1", BOB, "A-1-2", "A-1-4");
        published.clear();
        SeatsUnavailable refusal = (SeatsUnavailable) org.assertj.core.api.Assertions.catchThrowable(() ->
                run(() -> booking.handle(new HoldSeats(new ReservationId("r-2"), SCHEDULE, ALICE, positions("A-1-1", "A-1-2", "A-1-3", "A-1-4")))));
        assertThat(refusal.seats()).containsExactly(SeatPosition.parse("A-1-2"), SeatPosition.parse("A-1-4"));
        assertThat(published).isEmpty();
    }

    @Test
    void unknownSeatsAreRefused() {
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-1"), SCHEDULE, ALICE, positions("A-1-1", "B-9-9"))), UnknownSeats.class);
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-1"), new ScheduleId("nope"), ALICE, positions("A-1-1"))), UnknownSeats.class);
    }

    @Test
    void malformedOrdersAreRefused() {
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-1"), SCHEDULE, ALICE, List.of())), InvalidOrder.class);
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-1"), SCHEDULE, ALICE, positions("A-1-1", "A-1-1"))), InvalidOrder.class);
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-1"), SCHEDULE, ALICE,
                positions("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5"))), InvalidOrder.class);
    }

    @Test
    void aUserHasOneActiveHoldPerScheduleUntilItEnds() {
        ReservationId first = hold("r-1", ALICE, "A-1-1");
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-2"), SCHEDULE, ALICE, positions("A-1-2"))), HoldLimitReached.class);
        run(() -> booking.handle(new CancelReservation(first, ALICE)));
        assertThat(when(() -> booking.handle(new HoldSeats(new ReservationId("r-3"), SCHEDULE, ALICE, positions("A-1-2")))))
                .hasSize(3);
    }

    // ---- payment and confirmation ---------------------------------------------------------------------------

    @Test
    void aPaymentOrderIsOpenedForTheHeldPriceByTheHolderOnly() {
        ReservationId r = hold("r-1", ALICE, "A-1-1", "A-1-2");
        PaymentOrderId order = new PaymentOrderId("p-1");
        assertThat(when(() -> booking.handle(new CreatePaymentOrder(order, r, ALICE))))
                .containsExactly(new PaymentOrderCreated(order, r, ALICE, new Money(100_000, "KRW")));
        refused(() -> booking.handle(new CreatePaymentOrder(new PaymentOrderId("p-2"), r, BOB)), ReservationNotFound.class);
        refused(() -> booking.handle(new CreatePaymentOrder(new PaymentOrderId("p-3"), new ReservationId("nope"), ALICE)), ReservationNotFound.class);
    }

    @Test
    void anEndedHoldCannotBePaidFor() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        expire(r);
        refused(() -> booking.handle(new CreatePaymentOrder(new PaymentOrderId("p-1"), r, ALICE)), HoldNotActive.class);
    }

    @Test
    void aCompletedPaymentConfirmsTheHoldAndSellsItsSeats() {
        ReservationId r = hold("r-1", ALICE, "A-1-2", "A-1-1");
        PaymentOrderId order = pay(r, ALICE, "p-1");

        assertThat(when(() -> booking.handle(new ConfirmReservation(r, order, new Money(100_000, "KRW"))))).containsExactly(
                new ReservationConfirmed(r, SCHEDULE, ALICE, order),
                new HoldQuotaFreed(new HoldQuotaId(SCHEDULE, ALICE), r),
                new SeatSold(seat("A-1-1"), r),
                new SeatSold(seat("A-1-2"), r));
        // the same PaymentCompleted delivered again changes nothing
        assertThat(when(() -> booking.handle(new ConfirmReservation(r, order, new Money(100_000, "KRW"))))).isEmpty();
    }

    @Test
    void aPaymentCompletedAfterTheHoldExpiredIsRefundedAndNeverBecomesASeat() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId order = new PaymentOrderId("p-1");
        run(() -> booking.handle(new CreatePaymentOrder(order, r, ALICE)));
        expire(r);
        run(() -> {
            payments.load("p-1").execute(p -> p.complete(new CompletePayment(order, "late", PRICE)));
            return null;
        });

        assertThat(when(() -> booking.handle(new ConfirmReservation(r, order, PRICE))))
                .containsExactly(new PaymentRefunded(order, r, PRICE, RefundReason.PAID_AFTER_HOLD_ENDED));
        assertThat(when(() -> booking.handle(new ConfirmReservation(r, order, PRICE)))).as("refunded once").isEmpty();
    }

    @Test
    void aSecondPaymentForAConfirmedReservationIsRefunded() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId first = new PaymentOrderId("p-1");
        PaymentOrderId second = new PaymentOrderId("p-2");
        run(() -> booking.handle(new CreatePaymentOrder(first, r, ALICE)));
        run(() -> booking.handle(new CreatePaymentOrder(second, r, ALICE)));
        for (PaymentOrderId order : List.of(first, second)) {
            run(() -> {
                payments.load(order.value()).execute(p -> p.complete(new CompletePayment(order, "k-" + order, PRICE)));
                return null;
            });
        }
        run(() -> booking.handle(new ConfirmReservation(r, first, PRICE)));

        assertThat(when(() -> booking.handle(new ConfirmReservation(r, second, PRICE))))
                .containsExactly(new PaymentRefunded(second, r, PRICE, RefundReason.PAID_AFTER_HOLD_ENDED));
    }

    @Test
    void onlyAPaymentCompletedForTheReservationAndItsPriceConfirmsIt() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        ReservationId other = hold("r-2", BOB, "A-1-2");
        PaymentOrderId ready = new PaymentOrderId("p-ready");
        run(() -> booking.handle(new CreatePaymentOrder(ready, r, ALICE)));
        PaymentOrderId failed = new PaymentOrderId("p-failed");
        run(() -> booking.handle(new CreatePaymentOrder(failed, r, ALICE)));
        run(() -> {
            payments.load("p-failed").execute(p -> p.fail(new FailPayment(failed, "k-failed", PRICE)));
            return null;
        });
        PaymentOrderId othersPayment = pay(other, BOB, "p-bob");

        // a forged or mismatched confirmation changes nothing: no ReservationConfirmed, no seat sold, no refund
        refused(() -> booking.handle(new ConfirmReservation(r, ready, PRICE)), PaymentNotCompleted.class);
        refused(() -> booking.handle(new ConfirmReservation(r, failed, PRICE)), PaymentNotCompleted.class);
        refused(() -> booking.handle(new ConfirmReservation(r, othersPayment, PRICE)), PaymentNotCompleted.class);
        refused(() -> booking.handle(new ConfirmReservation(r, new PaymentOrderId("nope"), PRICE)), PaymentNotCompleted.class);
        PaymentOrderId paid = pay(r, ALICE, "p-1");
        refused(() -> booking.handle(new ConfirmReservation(r, paid, new Money(1, "KRW"))), PaymentNotCompleted.class);

        // the genuine one still confirms: the hold was untouched by the refusals
        assertThat(when(() -> booking.handle(new ConfirmReservation(r, paid, PRICE))))
                .startsWith(new ReservationConfirmed(r, SCHEDULE, ALICE, paid));
    }

    // ---- expiry ---------------------------------------------------------------------------------------------

    @Test
    void anUnpaidHoldExpiresReleasingItsSeatsAndItsQuota() {
        ReservationId r = hold("r-1", ALICE, "A-1-3", "A-1-1");
        published.clear();
        expire(r);
        assertThat(published).containsExactly(
                new ReservationExpired(r, SCHEDULE, ALICE),
                new HoldQuotaFreed(new HoldQuotaId(SCHEDULE, ALICE), r),
                new SeatReleased(seat("A-1-1"), r, SeatReleaseReason.HOLD_EXPIRED),
                new SeatReleased(seat("A-1-3"), r, SeatReleaseReason.HOLD_EXPIRED));
        assertThat(when(() -> booking.handle(new HoldSeats(new ReservationId("r-2"), SCHEDULE, BOB, positions("A-1-1", "A-1-3")))))
                .hasSize(4);
    }

    @Test
    void aConfirmedReservationDoesNotExpire() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId order = pay(r, ALICE, "p-1");
        run(() -> booking.handle(new ConfirmReservation(r, order, PRICE)));
        published.clear();
        expire(r);
        assertThat(published).isEmpty();
    }

    @Test
    void anExpiryAskedBeforeTheHoldsTimeWaitsAndChangesNothing() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        sale.timePasses(Duration.ofMinutes(5).minusMillis(1));
        published.clear();
        assertThat(run(() -> booking.handle(new ExpireHold(r)))).isEqualTo(Reservation.ExpiryOutcome.NOT_DUE);
        assertThat(published).isEmpty();
        refused(() -> booking.handle(new HoldSeats(new ReservationId("r-2"), SCHEDULE, BOB, positions("A-1-1"))), SeatsUnavailable.class);
    }

    @Test
    void aDuplicateExpiryChangesNothing() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        expire(r);
        // a second instance asks too, a moment later
        assertThat(when(() -> booking.handle(new ExpireHold(r)))).isEmpty();
        assertThat(run(() -> booking.handle(new ExpireHold(r)))).isEqualTo(Reservation.ExpiryOutcome.ALREADY_ENDED);
    }

    @Test
    void anExpiryOfAnUnknownReservationIsRefused() {
        refused(() -> booking.handle(new ExpireHold(new ReservationId("nope"))), ReservationNotFound.class);
    }

    // ---- cancellation ---------------------------------------------------------------------------------------

    @Test
    void cancellingAHoldReleasesItsSeats() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        assertThat(when(() -> booking.handle(new CancelReservation(r, ALICE)))).containsExactly(
                new ReservationCancelled(r, SCHEDULE, ALICE),
                new HoldQuotaFreed(new HoldQuotaId(SCHEDULE, ALICE), r),
                new SeatReleased(seat("A-1-1"), r, SeatReleaseReason.HOLD_CANCELLED));
        sale.timePasses(Duration.ofMinutes(6));
        assertThat(when(() -> booking.handle(new ExpireHold(r)))).as("its expiry, asked later, changes nothing").isEmpty();
    }

    @Test
    void cancellingAConfirmedReservationRefundsItAndFreesItsSeats() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId order = pay(r, ALICE, "p-1");
        run(() -> booking.handle(new ConfirmReservation(r, order, PRICE)));

        assertThat(when(() -> booking.handle(new CancelReservation(r, ALICE)))).containsExactly(
                new ReservationRefunded(r, SCHEDULE, ALICE, order, PRICE),
                new SeatReleased(seat("A-1-1"), r, SeatReleaseReason.SALE_REFUNDED),
                new PaymentRefunded(order, r, PRICE, RefundReason.RESERVATION_CANCELLED));
    }

    @Test
    void aConfirmedReservationCannotBeCancelledOnceItsShowHasStarted() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId order = pay(r, ALICE, "p-1");
        run(() -> booking.handle(new ConfirmReservation(r, order, PRICE)));
        sale.showStartsAt(NOW); // the show starts this very moment
        published.clear();

        refused(() -> booking.handle(new CancelReservation(r, ALICE)), ShowStarted.class);
        assertThat(published).as("nothing refunded, no seat released").isEmpty();

        sale.showStartsAt(NOW.plusMillis(1)); // a moment before the show: still refundable
        assertThat(when(() -> booking.handle(new CancelReservation(r, ALICE))))
                .contains(new ReservationRefunded(r, SCHEDULE, ALICE, order, PRICE));
    }

    @Test
    void aHoldCanBeReleasedEvenAfterItsShowStarted() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        sale.showStartsAt(NOW.minus(Duration.ofMinutes(1)));
        assertThat(when(() -> booking.handle(new CancelReservation(r, ALICE))))
                .contains(new ReservationCancelled(r, SCHEDULE, ALICE));
    }

    @Test
    void onlyTheHolderCancelsAndOnlyHeldOrConfirmedReservations() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        refused(() -> booking.handle(new CancelReservation(r, BOB)), ReservationNotFound.class);
        expire(r);
        refused(() -> booking.handle(new CancelReservation(r, ALICE)), ReservationNotCancellable.class);
        refused(() -> booking.handle(new CancelReservation(new ReservationId("nope"), ALICE)), ReservationNotFound.class);
    }

    @Test
    void aPaymentCompletedDuringTheHoldIsRecordedByItsEvent() {
        ReservationId r = hold("r-1", ALICE, "A-1-1");
        PaymentOrderId order = new PaymentOrderId("p-1");
        run(() -> booking.handle(new CreatePaymentOrder(order, r, ALICE)));
        assertThat(when(() -> {
            payments.load("p-1").execute(p -> p.complete(new CompletePayment(order, "k", PRICE)));
            return null;
        })).containsExactly(new PaymentCompleted(order, r, "k", PRICE));
    }
}
