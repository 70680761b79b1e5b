package io.ticketing.command.booking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Replaces Axon's auto-configured SimpleCommandBus (which backs off when a {@link CommandBus} bean exists) with the
 * partitioned, batching one; the plain path inside it is built as the auto-configuration built it (the same
 * transaction manager, duplicate-handler rule, span factory, message monitor and correlation data).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingWriterProperties.class)
public class BookingBusConfiguration {

    @Bean
    public BookingRoutes bookingRoutes(BookingWriterProperties properties) {
        return new BookingRoutes(properties.routeMemory());
    }

    @Bean(destroyMethod = "shutdown")
    public PartitionedCommandBus commandBus(TransactionManager transactionManager,
                                            org.axonframework.config.Configuration axon,
                                            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                            BookingRoutes routes, BookingWriterProperties properties,
                                            MeterRegistry meters) {
        @SuppressWarnings("unchecked")
        MessageMonitor<? super CommandMessage<?>> monitor =
                (MessageMonitor<? super CommandMessage<?>>) axon.messageMonitor(CommandBus.class, "commandBus");
        SimpleCommandBus direct = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(monitor)
                .build();
        PartitionedCommandBus bus = new PartitionedCommandBus(direct,
                new CommandPartitioner(routes, properties.writers()), transactionManager, monitor,
                properties.maxBatch(), new CustomizableThreadFactory("booking-writer-"), batchMetrics(meters));
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        Gauge.builder("ticketing.booking.queued", bus, PartitionedCommandBus::queued)
                .description("Booking commands waiting for their writer").register(meters);
        return bus;
    }

    private static GroupCommit.BatchListener batchMetrics(MeterRegistry meters) {
        DistributionSummary sizes = DistributionSummary.builder("ticketing.booking.batch.commands")
                .description("Commands committed per booking transaction").register(meters);
        Counter retried = Counter.builder("ticketing.booking.batch.retried")
                .description("Commands of rolled-back batches run again alone").register(meters);
        return new GroupCommit.BatchListener() {
            @Override
            public void committed(int commands) {
                sizes.record(commands);
            }

            @Override
            public void retriedAlone(int commands, Throwable cause) {
                retried.increment(commands);
            }
        };
    }
}
