package io.ticketing.command.reservation.application;

import io.ticketing.api.common.Money;
import io.ticketing.api.common.PaymentOrderId;
import io.ticketing.api.common.ReservationId;
import io.ticketing.api.common.UserId;
import io.ticketing.api.payment.PaymentCompleted;
import io.ticketing.api.reservation.ConfirmReservation;
import io.ticketing.api.reservation.HoldQuotaFreed;
import io.ticketing.api.reservation.ReservationConfirmed;
import io.ticketing.api.seat.SeatSold;
import io.ticketing.command.payment.domain.PaymentNotCompleted;
import io.ticketing.command.reservation.domain.BookingFixture;
import io.ticketing.command.reservation.domain.ReservationNotFound;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reservation process turns a completed payment into a confirmation, skips what retrying can never heal
 * (so it blocks nothing behind it) and lets anything else fail so its processor retries: a paid order is never
 * dropped.
 */
class ReservationProcessTest {
    private static final ReservationId RESERVATION = new ReservationId("r-1");
    private static final PaymentOrderId ORDER = new PaymentOrderId("p-1");
    private static final Money AMOUNT = new Money(100_000, "KRW");
    private static final PaymentCompleted PAID = new PaymentCompleted(ORDER, RESERVATION, "key-1", AMOUNT);

    /** Against a recording command bus: what it sends, and what it does with each answer. */
    @Nested
    class Decisions {
        private final RecordingCommandBus commands = new RecordingCommandBus();
        private final ReservationProcess process =
                new ReservationProcess(DefaultCommandGateway.builder().commandBus(commands).build());

        @Test
        void aCompletedPaymentAsksToConfirmItsReservationForThePaidAmount() {
            process.on(PAID);

            assertThat(commands.getDispatchedCommands().stream().<Object>map(CommandMessage::getPayload).toList())
                    .containsExactly(new ConfirmReservation(RESERVATION, ORDER, AMOUNT));
        }

        @Test
        void aPaymentForAnUnknownReservationIsSkipped() {
            commands.setCallbackBehavior((command, metaData) -> {
                throw new ReservationNotFound(RESERVATION);
            });

            assertThatCode(() -> process.on(PAID)).doesNotThrowAnyException();
        }

        @Test
        void aPaymentTheOrderNeverCompletedIsSkippedAlsoWhenTheRefusalArrivesWrapped() {
            commands.setCallbackBehavior((command, metaData) -> {
                throw new CommandExecutionException("refused", new PaymentNotCompleted(ORDER, RESERVATION));
            });

            assertThatCode(() -> process.on(PAID)).doesNotThrowAnyException();
        }

        @Test
        void anyOtherFailureReachesTheProcessorToBeRetried() {
            commands.setCallbackBehavior((command, metaData) -> {
                throw new IllegalStateException("event store unreachable");
            });

            assertThatThrownBy(() -> process.on(PAID)).hasMessageContaining("event store unreachable");
        }
    }

    /** Against the real booking rules (in memory): what a delivered, or redelivered, payment does to the seats. */
    @Nested
    class WithTheBooking {
        private static final UserId ALICE = new UserId("alice");

        private final BookingFixture sale = BookingFixture.aScheduleOnSale("A-1-1", "A-1-2");
        private final ReservationProcess process;

        WithTheBooking() {
            SimpleCommandBus bus = SimpleCommandBus.builder().build();
            bus.subscribe(ConfirmReservation.class.getName(),
                    command -> sale.booking().handle((ConfirmReservation) command.getPayload()));
            process = new ReservationProcess(DefaultCommandGateway.builder().commandBus(bus).build());
        }

        @Test
        void aPaymentDeliveredTwiceSellsTheSeatsOnce() {
            ReservationId held = sale.holds(ALICE, "A-1-1");
            PaymentOrderId order = sale.pays(held, ALICE);
            PaymentCompleted paid = new PaymentCompleted(order, held, "key-" + order.value(), BookingFixture.PRICE);

            sale.when(booking -> deliver(paid))
                    .appendsEventsOf(ReservationConfirmed.class, HoldQuotaFreed.class, SeatSold.class);
            sale.when(booking -> deliver(paid)).changesNothing();
        }

        @Test
        void aPaymentRecordNoOrderCompletedSellsNothingAndIsSkipped() {
            ReservationId held = sale.holds(ALICE, "A-1-2");
            PaymentOrderId order = sale.pays(held, ALICE);
            PaymentCompleted forged = new PaymentCompleted(order, held, "key-forged", new Money(1, "KRW"));

            sale.when(booking -> deliver(forged)).changesNothing();
        }

        private Object deliver(PaymentCompleted event) {
            process.on(event);
            return null;
        }
    }
}
