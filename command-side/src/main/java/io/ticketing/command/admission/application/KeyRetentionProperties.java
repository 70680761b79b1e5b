package io.ticketing.command.admission.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the waiting room's keys stay in Redis ({@code ticketing.queue.*}).
 *
 * @param keyRetention        how long a schedule's keys (and a waiting entry's hash) outlive their last write.
 *                            The admitter writes them at every step until the show starts, so this only has to
 *                            cover an outage of every instance during a sale; after the show they go this long
 *                            after the last step, entry or poll
 * @param endedEntryRetention how long an ended entry (idle, admission over, purchase) still answers EXPIRED
 *                            before its hash goes and a poll answers 404
 */
@ConfigurationProperties("ticketing.queue")
public record KeyRetentionProperties(@DefaultValue("6h") Duration keyRetention,
                                     @DefaultValue("10m") Duration endedEntryRetention) {
}
