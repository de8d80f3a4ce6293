package org.vaultmail.auth.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * The sign-in and session policy in force: stored values from the operator console over the configured
 * defaults (ADR 0022). Read from {@link AuthPolicies#current()} on each use, never kept.
 */
@NamedInterface("policy")
public record AuthPolicy(boolean requireMfa, Duration accessTokenTtl, Duration idleTimeout, Duration rememberIdleTimeout,
                         Duration absoluteTimeout, int accountFailures, int clientFailures, Duration baseWait,
                         Duration maxWait, Duration reset, int requestsPerMinute, int smtpTestsPerHour,
                         boolean requireOperatorPasskeys) {

    /** The configuration properties' values: the defaults where nothing is stored. */
    static Map<PolicyField, Object> defaults(AuthProperties auth, ThrottleProperties throttle, boolean requireOperatorPasskeys) {
        Map<PolicyField, Object> values = new EnumMap<>(PolicyField.class);
        values.put(PolicyField.REQUIRE_MFA, auth.requireMfa());
        values.put(PolicyField.ACCESS_TOKEN_TTL, auth.accessTokenTtl());
        values.put(PolicyField.IDLE_TIMEOUT, auth.idleTimeout());
        values.put(PolicyField.REMEMBER_IDLE_TIMEOUT, auth.rememberIdleTimeout());
        values.put(PolicyField.ABSOLUTE_TIMEOUT, auth.absoluteTimeout());
        values.put(PolicyField.ACCOUNT_FAILURES, throttle.accountFailures());
        values.put(PolicyField.CLIENT_FAILURES, throttle.clientFailures());
        values.put(PolicyField.BASE_WAIT, throttle.baseWait());
        values.put(PolicyField.MAX_WAIT, throttle.maxWait());
        values.put(PolicyField.RESET, throttle.reset());
        values.put(PolicyField.REQUESTS_PER_MINUTE, throttle.requestsPerMinute());
        values.put(PolicyField.SMTP_TESTS_PER_HOUR, throttle.smtpTestsPerHour());
        values.put(PolicyField.REQUIRE_OPERATOR_PASSKEYS, requireOperatorPasskeys);
        return values;
    }

    /** The policy of a complete map of values (defaults overlaid with what is stored). */
    static AuthPolicy of(Map<PolicyField, Object> v) {
        return new AuthPolicy((Boolean) v.get(PolicyField.REQUIRE_MFA), (Duration) v.get(PolicyField.ACCESS_TOKEN_TTL),
                (Duration) v.get(PolicyField.IDLE_TIMEOUT), (Duration) v.get(PolicyField.REMEMBER_IDLE_TIMEOUT),
                (Duration) v.get(PolicyField.ABSOLUTE_TIMEOUT), (Integer) v.get(PolicyField.ACCOUNT_FAILURES),
                (Integer) v.get(PolicyField.CLIENT_FAILURES), (Duration) v.get(PolicyField.BASE_WAIT),
                (Duration) v.get(PolicyField.MAX_WAIT), (Duration) v.get(PolicyField.RESET),
                (Integer) v.get(PolicyField.REQUESTS_PER_MINUTE), (Integer) v.get(PolicyField.SMTP_TESTS_PER_HOUR),
                (Boolean) v.get(PolicyField.REQUIRE_OPERATOR_PASSKEYS));
    }

    public Duration idle(boolean remember) {
        return remember ? rememberIdleTimeout : idleTimeout;
    }

    /** The wait after {@code failures} failures against a threshold; zero below it. */
    public Duration waitAfter(int failures, int threshold) {
        if (failures < threshold) return Duration.ZERO;
        int doublings = Math.min(failures - threshold, 30);
        Duration wait = baseWait.multipliedBy(1L << doublings);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /**
     * Whether a session may still be used: its stored expiry (set from the policy when it was last used)
     * and, so that shortened lifetimes apply to existing sessions at once, the current idle and absolute
     * limits measured from its last use and its creation. The stored expiries are the session's own
     * ({@code SessionStore.Row#allowedBy}); this is the policy's part.
     */
    public boolean allows(Instant createdAt, Instant lastSeenAt, boolean remember, Instant now) {
        return now.isBefore(lastSeenAt.plus(idle(remember))) && now.isBefore(createdAt.plus(absoluteTimeout));
    }
}
