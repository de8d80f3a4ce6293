package org.vaultmail.gateway.webhooks;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.gateway.webhooks.*} besides {@code allowed-internal} (which {@code GatewayProperties} holds).
 *
 * @param retrySchedule  entry {@code i} is the wait before attempt {@code i + 1} (Standard Webhooks: immediately, 5 s,
 *                       5 min, 30 min, 2 h, 5 h, 10 h, 10 h); the first attempt is always made as soon as the event is
 *                       queued, whatever the first entry says; the length is the number of attempts
 * @param disableAfter   an endpoint failing continuously this long is disabled (default 5 days)
 * @param secretOverlap  how long the replaced secret still signs after a rotation (default 24 h)
 * @param connectTimeout connecting to an endpoint (default 5 s)
 * @param readTimeout    waiting for its answer (default 15 s)
 * @param keepDeliveries finished deliveries and their attempts are kept this long (default 14 days)
 */
@ConfigurationProperties("vaultmail.gateway.webhooks")
record WebhookProperties(@Nullable List<Duration> retrySchedule, @Nullable Duration disableAfter,
                         @Nullable Duration secretOverlap, @Nullable Duration connectTimeout,
                         @Nullable Duration readTimeout, @Nullable Duration keepDeliveries) {

    static final List<Duration> STANDARD_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    WebhookProperties {
        retrySchedule = retrySchedule == null || retrySchedule.isEmpty() ? STANDARD_SCHEDULE : List.copyOf(retrySchedule);
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
        secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        keepDeliveries = keepDeliveries == null ? Duration.ofDays(14) : keepDeliveries;
    }

    static WebhookProperties defaults() {
        return new WebhookProperties(null, null, null, null, null, null);
    }
}
