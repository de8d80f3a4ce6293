package org.vaultmail.auth.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.auth.*}: token and session lifetimes (ADR 0004). The lifetimes and {@code requireMfa} are the
 * defaults of the operator's policy ({@link AuthPolicies}, ADR 0022): read them from there, not from here.
 *
 * @param accessTokenTtl      lifetime of an access token (JWT)
 * @param idleTimeout         a session without "keep me signed in" ends after this long unused
 * @param rememberIdleTimeout a "keep me signed in" (or API) session ends after this long unused
 * @param absoluteTimeout     no session outlives this, however busy
 * @param refreshGrace        a concurrent refresh with the just-rotated token gets the same successor
 * @param purgeInterval       how often ended sessions are deleted
 * @param requireMfa          every user must use a second factor: an un-enrolled user is led to enrolment first
 */
@ConfigurationProperties("vaultmail.auth")
public record AuthProperties(@Nullable Duration accessTokenTtl, @Nullable Duration idleTimeout,
                      @Nullable Duration rememberIdleTimeout, @Nullable Duration absoluteTimeout,
                      @Nullable Duration refreshGrace, @Nullable Duration purgeInterval,
                      boolean requireMfa) {

    public AuthProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        idleTimeout = idleTimeout == null ? Duration.ofHours(12) : idleTimeout;
        rememberIdleTimeout = rememberIdleTimeout == null ? Duration.ofDays(30) : rememberIdleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofDays(90) : absoluteTimeout;
        refreshGrace = refreshGrace == null ? Duration.ofSeconds(10) : refreshGrace;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
    }
}
