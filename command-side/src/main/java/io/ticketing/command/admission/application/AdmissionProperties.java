package io.ticketing.command.admission.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The waiting room's settings ({@code ticketing.queue.*}). The rate and the cap are defaults for schedules
 * whose queue an admin has not set ({@code PUT /api/admin/schedules/{id}/queue}). The token secret has no default
 * here: it comes from {@code TICKETING_ADMISSION_SECRET} (or the {@code local} profile's file).
 */
@ConfigurationProperties("ticketing.queue")
public record AdmissionProperties(
        @DefaultValue("tq") String keyPrefix,
        @DefaultValue("30m") Duration preQueueWindow,
        @DefaultValue("2m") Duration entryIdleTimeout,
        @DefaultValue("10m") Duration admissionTtl,
        @DefaultValue("50") double defaultAdmitPerSecond,
        @DefaultValue("1000") int defaultMaxActive,
        @DefaultValue("100ms") Duration admitInterval,
        String tokenSecret,
        @DefaultValue("2") int retryAfterSeconds) {
}
