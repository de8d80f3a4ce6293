package org.vaultmail.proxy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code vaultmail.proxy.*}: limits of the remote-content proxy (ADR 0012). */
@ConfigurationProperties("vaultmail.proxy")
record ProxyProperties(@Nullable Duration connectTimeout, @Nullable Duration totalTimeout, @Nullable DataSize maxSize,
                       @Nullable Integer maxRedirects, @Nullable Integer requestsPerMinute, @Nullable Integer maxConcurrent,
                       @Nullable Duration cacheMaxAge, @Nullable Integer maxConcurrentPerUser) {

    ProxyProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        totalTimeout = totalTimeout == null ? Duration.ofSeconds(10) : totalTimeout;
        maxSize = maxSize == null ? DataSize.ofMegabytes(5) : maxSize;
        maxRedirects = maxRedirects == null ? 3 : maxRedirects;
        requestsPerMinute = requestsPerMinute == null ? 300 : requestsPerMinute;
        maxConcurrent = maxConcurrent == null ? 32 : maxConcurrent;
        cacheMaxAge = cacheMaxAge == null ? Duration.ofHours(1) : cacheMaxAge;
        // one user never holds all of the node's fetches (ADR 0029)
        maxConcurrentPerUser = maxConcurrentPerUser == null ? Math.max(1, maxConcurrent / 4) : maxConcurrentPerUser;
    }

    /** Defaults only (for tests and tools). */
    static ProxyProperties defaults() {
        return new ProxyProperties(null, null, null, null, null, null, null, null);
    }
}
