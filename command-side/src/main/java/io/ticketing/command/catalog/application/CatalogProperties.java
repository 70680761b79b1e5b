package io.ticketing.command.catalog.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code ticketing.catalog.*}.
 *
 * @param maxSeatsPerConcert the most seats one concert creation may make, counted over all its schedules (seats per
 *                           schedule × schedules; default 100,000)
 * @param syncMaxSeats       the most seats a creation makes within its request, in one transaction (201; default
 *                           20,000). A larger concert is an accepted job (202): its seats are appended in batches of
 *                           {@code batchSeats}, each its own transaction, and the concert itself last. One transaction
 *                           for 100,000 seats held every new aggregate in the unit of work (more than 3 GiB) and,
 *                           while it ran, every concurrent commit left a gap per uncommitted seat in the publisher's
 *                           token
 * @param batchSeats         seats per batch of a creation job (default 5,000; whole rows, so at least one row)
 * @param maxQueuedJobs      creation jobs that may wait to be started (QUEUED), counted in the event-store database
 *                           over all instances sharing it (default 4); more: 503
 * @param jobRetention       how long a finished job's status stays readable (default 1h)
 * @param jobTaskName        the db-scheduler task that runs creation jobs (default {@code concert-creation-job}):
 *                           instances sharing an event-store database run and take over each other's jobs under one
 *                           name. Only the tests change it, to keep application contexts with different settings
 *                           that share one test database from running each other's jobs
 */
@Validated
@ConfigurationProperties("ticketing.catalog")
public record CatalogProperties(@DefaultValue("100000") @Positive int maxSeatsPerConcert,
                                @DefaultValue("20000") @Positive int syncMaxSeats,
                                @DefaultValue("5000") @Positive int batchSeats,
                                @DefaultValue("4") @Positive int maxQueuedJobs,
                                @DefaultValue("1h") Duration jobRetention,
                                @DefaultValue("concert-creation-job") @NotBlank String jobTaskName) {
}
