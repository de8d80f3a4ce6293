package org.vaultmail.auth.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.auth.throttle.*}: sign-in throttling (G9). The thresholds, waits and rate limits are the
 * defaults of the operator's policy ({@link AuthPolicies}, ADR 0022); the rest applies as configured.
 *
 * @param accountFailures    failures of one account before each further attempt must wait
 * @param clientFailures     failures from one client address (any accounts) before it must wait
 * @param baseWait           the first wait; it doubles with each further failure
 * @param maxWait            the longest wait
 * @param reset              a counter starts again this long after its last failure
 * @param minFailureDuration every refused sign-in takes at least this long, so timing reveals no account
 * @param failureJitter      up to this much random time is added to {@code minFailureDuration}
 * @param maxConcurrentBinds IMAP logins in progress at once on this node
 * @param bindWait           how long a sign-in waits for a free bind slot before "server busy"
 * @param requestsPerMinute  sign-in and refresh requests per client address per minute on this node (0: no limit)
 * @param smtpTestsPerHour   SMTP logins a user may test (or test-and-save) per hour on this node (0: no limit); each
 *                           test is a password attempt against the mail server, so this bounds guessing through it
 * @param ipv6PrefixLength   an IPv6 client is counted by this many leading bits of its address (a /64 is what one
 *                           subscriber gets); IPv4 clients by their whole address ({@code signin.ClientKey})
 */
@ConfigurationProperties("vaultmail.auth.throttle")
public record ThrottleProperties(@Nullable Integer accountFailures, @Nullable Integer clientFailures,
                          @Nullable Duration baseWait, @Nullable Duration maxWait, @Nullable Duration reset,
                          @Nullable Duration minFailureDuration, @Nullable Duration failureJitter,
                          @Nullable Integer maxConcurrentBinds, @Nullable Duration bindWait,
                          @Nullable Integer requestsPerMinute, @Nullable Integer smtpTestsPerHour,
                          @Nullable Integer ipv6PrefixLength) {

    public ThrottleProperties {
        accountFailures = accountFailures == null ? 5 : accountFailures;
        clientFailures = clientFailures == null ? 20 : clientFailures;
        baseWait = baseWait == null ? Duration.ofMinutes(1) : baseWait;
        maxWait = maxWait == null ? Duration.ofMinutes(15) : maxWait;
        reset = reset == null ? Duration.ofHours(12) : reset;
        minFailureDuration = minFailureDuration == null ? Duration.ofMillis(300) : minFailureDuration;
        failureJitter = failureJitter == null ? Duration.ofMillis(50) : failureJitter;
        maxConcurrentBinds = maxConcurrentBinds == null ? 16 : maxConcurrentBinds;
        bindWait = bindWait == null ? Duration.ofSeconds(2) : bindWait;
        smtpTestsPerHour = smtpTestsPerHour == null ? 20 : smtpTestsPerHour;
        requestsPerMinute = requestsPerMinute == null ? 30 : requestsPerMinute;
        ipv6PrefixLength = ipv6PrefixLength == null ? 64 : ipv6PrefixLength;
    }
}
