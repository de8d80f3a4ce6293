package org.vaultmail.metrics;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.metrics.token} ({@code VAULTMAIL_METRICS_TOKEN} or, better, {@code VAULTMAIL_METRICS_TOKEN_FILE}):
 * the bearer token Prometheus presents to scrape {@code /actuator/prometheus}. Unset, nobody can scrape.
 */
@ConfigurationProperties("vaultmail.metrics")
public record MetricsProperties(@Nullable String token) {

    @Override
    public String toString() {
        return "MetricsProperties[token=" + (token == null ? "unset" : "(set)") + "]";
    }
}
