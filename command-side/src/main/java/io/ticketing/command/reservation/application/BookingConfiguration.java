package io.ticketing.command.reservation.application;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.ticketing.command.admission.application.ScheduleDirectory;
import io.ticketing.command.payment.domain.PaymentOrder;
import io.ticketing.command.reservation.domain.Booking;
import io.ticketing.command.reservation.domain.HoldPolicy;
import io.ticketing.command.reservation.domain.HoldQuota;
import io.ticketing.command.reservation.domain.Reservation;
import io.ticketing.command.reservation.domain.SeatHoldHints;
import io.ticketing.command.reservation.domain.ShowTimes;
import io.ticketing.command.seat.domain.Seat;
import io.ticketing.command.booking.BookingRoutes;
import io.ticketing.command.booking.RemoteEndings;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The booking rules' wiring: limits from {@code ticketing.booking.*}, the aggregates' repositories. */
@Configuration(proxyBeanMethods = false)
public class BookingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public HoldPolicy holdPolicy(BookingProperties properties) {
        return new HoldPolicy(properties.holdTtl(), properties.maxSeatsPerOrder(), properties.maxActiveHoldsPerUser());
    }

    @Bean
    public Booking booking(Repository<Seat> seatRepository, Repository<Reservation> reservationRepository,
                           Repository<HoldQuota> holdQuotaRepository, Repository<PaymentOrder> paymentOrderRepository,
                           HoldPolicy holdPolicy, ScheduleDirectory schedules, Clock clock, SeatHoldHints seatHoldHints,
                           RemoteEndings remoteEndings) {
        Booking booking = new Booking(seatRepository, reservationRepository, holdQuotaRepository, paymentOrderRepository,
                holdPolicy, showTimes(schedules), clock, seatHoldHints);
        booking.onEndedHere(remoteEndings::endedHere, remoteEndings::endingRolledBack);
        return booking;
    }

    /** Seats this instance committed as held: told by the booking, asked before a hold is queued. */
    @Bean
    public SeatHoldHints seatHoldHints(Clock clock) {
        return new SeatHoldHints(clock);
    }

    /**
     * The early refusal of a hopeless hold, registered here on the command bus (not as an interceptor bean, which
     * Axon would also add to the gateway): it runs once per hold, on the sender's thread, before any writer queue.
     */
    @Bean
    public Registration earlyHoldRefusal(CommandBus commandBus, SeatHoldHints seatHoldHints) {
        return commandBus.registerDispatchInterceptor(new EarlyHoldRefusal(seatHoldHints));
    }

    @Bean
    public RemoteEndings remoteEndings(BookingRoutes bookingRoutes, @Qualifier("seatCache") Cache seatCache,
                                       @Qualifier("holdQuotaCache") Cache holdQuotaCache,
                                       @Qualifier("reservationCache") Cache reservationCache) {
        return new RemoteEndings(bookingRoutes, seatCache, holdQuotaCache, reservationCache);
    }

    /** Show times from the schedule directory (filled in the concert's own transaction, then kept in memory). */
    static ShowTimes showTimes(ScheduleDirectory schedules) {
        return scheduleId -> schedules.find(scheduleId.value()).map(ScheduleDirectory.Schedule::startsAt);
    }

    /**
     * Stores an Idempotency-Key's success in its command's transaction. A bean: Axon's {@code InterceptorAutoConfiguration}
     * registers every command handler interceptor bean on the command bus, which runs it on both its paths (the booking
     * writers' batches and the plain one).
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> idempotentAnswersInTransaction(IdempotentRequests requests) {
        return requests.answersInTransaction();
    }

    /** First answers to idempotent requests are kept for the retention, then purged by any one instance. */
    @Bean
    public Task<Void> idempotencyPurgeTask(IdempotentRequests requests) {
        return Tasks.recurring("idempotency-purge", FixedDelay.ofMinutes(30))
                .execute((instance, context) -> requests.purgeExpired());
    }
}
