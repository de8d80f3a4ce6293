package org.vaultmail.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.web.*}.
 *
 * @param trustedProxies IPs or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} and
 *                       {@code X-Forwarded-Proto} are believed; empty: forwarded headers are ignored
 */
@ConfigurationProperties("vaultmail.web")
record WebProperties(@Nullable List<String> trustedProxies) {

    WebProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
