package io.ticketing.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.security.metrics-access}: who may read {@code /actuator/prometheus}. {@code open} (the
 * default, so the shipped Prometheus and dashboards keep scraping without credentials) or {@code admin} (a bearer
 * token with the ADMIN role, e.g. Prometheus' {@code authorization: credentials_file}). The metrics name schedules,
 * projections and traffic rates: anywhere they are reachable from outside, choose {@code admin} or serve the
 * actuator on a separate, internal port ({@code management.server.port}).
 */
@ConfigurationProperties("ticketing.security")
public record MetricsAccessProperties(@DefaultValue("open") MetricsAccess metricsAccess) {
    public enum MetricsAccess { OPEN, ADMIN }
}
