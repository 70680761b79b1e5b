package io.ticketing.command.reservation.api;

import io.ticketing.api.reservation.HoldSeats;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link DirectBookingEndpointsTest} needs to see inside a command side, hooked in from outside (an initializer
 * of the command sides it starts; no annotation, so the suite's component scan never finds it):
 * <ul>
 *   <li>which requests went on down the servlet chain past {@link DirectBookingFilter} (a filter right after it,
 *   before Spring Security, records their {@code X-Request-Id}) — a request the direct path answered never gets there;</li>
 *   <li>how many holds of a schedule were dispatched to the command bus (a dispatch interceptor);</li>
 *   <li>the booking writer held back: for a schedule named by {@link #holdBack}, the writer's transaction for a
 *   HoldSeats of it does not start until {@link #release} (the wait is before the transaction begins, so no
 *   transaction time limit runs meanwhile, and at most a minute, so that a failed test cannot hang the writer).</li>
 * </ul>
 * The state is static and keyed by schedule id or request id, both unique, so two command sides in one JVM share it
 * without meeting.
 */
public final class DirectPathProbe implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final Set<String> REACHED_THE_CHAIN = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> DISPATCHED = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> HELD_BACK = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof CommandBus bus) {
                    MessageDispatchInterceptor<CommandMessage<?>> counting = messages -> (index, message) -> {
                        if (message.getPayload() instanceof HoldSeats hold) {
                            DISPATCHED.computeIfAbsent(hold.scheduleId().value(), s -> new AtomicInteger()).incrementAndGet();
                        }
                        return message;
                    };
                    bus.registerDispatchInterceptor(counting);
                }
                return bean instanceof TransactionManager transactions ? holdingBack(transactions) : bean;
            }
        });
        Filter probe = (request, response, chain) -> {
            String id = ((HttpServletRequest) request).getHeader("X-Request-Id");
            if (id != null) {
                REACHED_THE_CHAIN.add(id);
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(probe);
        // Right after DirectBookingFilter (HIGHEST_PRECEDENCE + 4), long before Spring Security's chain.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setAsyncSupported(true);
        context.getBeanFactory().registerSingleton("directPathProbe", registration);
    }

    /** True when the request with this {@code X-Request-Id} went on past the direct filter. */
    public static boolean reachedTheChain(String requestId) {
        return REACHED_THE_CHAIN.contains(requestId);
    }

    public static int dispatchedHolds(String scheduleId) {
        AtomicInteger count = DISPATCHED.get(scheduleId);
        return count == null ? 0 : count.get();
    }

    /** From now on the writer waits before deciding a hold of this schedule, until {@link #release}. */
    public static void holdBack(String scheduleId) {
        HELD_BACK.put(scheduleId, new CountDownLatch(1));
    }

    public static void release(String scheduleId) {
        CountDownLatch latch = HELD_BACK.get(scheduleId);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Writer threads waiting, now, before a hold of this schedule. */
    public static int waitingWriters(String scheduleId) {
        AtomicInteger count = WAITING.get(scheduleId);
        return count == null ? 0 : count.get();
    }

    private static TransactionManager holdingBack(TransactionManager delegate) {
        return () -> {
            awaitIfHeldBack();
            return delegate.startTransaction();
        };
    }

    private static void awaitIfHeldBack() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().getMessage().getPayload() instanceof HoldSeats hold)) {
            return;
        }
        String schedule = hold.scheduleId().value();
        CountDownLatch latch = HELD_BACK.get(schedule);
        if (latch == null || latch.getCount() == 0) {
            return;
        }
        AtomicInteger waiting = WAITING.computeIfAbsent(schedule, s -> new AtomicInteger());
        waiting.incrementAndGet();
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
    }
}
