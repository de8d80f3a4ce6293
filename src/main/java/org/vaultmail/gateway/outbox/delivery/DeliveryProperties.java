package org.vaultmail.gateway.outbox.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.gateway.outbox.*}: how the delivery worker runs (ADR 0038). The send limits themselves are policy
 * ({@code GatewayPolicies}), not here.
 *
 * @param pollInterval     how often each node looks for due messages (default 2 s)
 * @param lease            how long a claimed message belongs to its node; must exceed the SMTP timeouts of one
 *                         session (default 10 min): a lease that ran out is recovered by any node
 * @param concurrency      attempts one node runs at once (default 4)
 * @param backoffBase      the first retry delay after a temporary failure, doubled per attempt (default 1 min)
 * @param backoffMax       the longest retry delay (default 1 h)
 * @param maxAttempts      attempts before a message fails with {@code too_many_attempts} (default 10)
 * @param holdTime         how long mail for a mailbox that needs re-authentication is held (default 72 h)
 * @param serverSavesSent  mail domains whose server files sent mail in Sent itself (no IMAP copy from Vaultmail)
 * @param nodeId           this node's lease owner name (default host-pid-random)
 * @param apiConnectTimeout connecting to a provider's send API (OAuth mailboxes, ADR 0044; default 10 s)
 * @param apiTimeout       one send API call from request to answer (default 60 s; well under {@code lease})
 */
@ConfigurationProperties("vaultmail.gateway.outbox")
public record DeliveryProperties(@Nullable Duration pollInterval, @Nullable Duration lease, @Nullable Integer concurrency,
                                 @Nullable Duration backoffBase, @Nullable Duration backoffMax,
                                 @Nullable Integer maxAttempts, @Nullable Duration holdTime,
                                 @Nullable List<String> serverSavesSent, @Nullable String nodeId,
                                 @Nullable Duration apiConnectTimeout, @Nullable Duration apiTimeout) {

    public DeliveryProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        concurrency = concurrency == null ? 4 : Math.max(1, concurrency);
        backoffBase = backoffBase == null ? Duration.ofMinutes(1) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
        maxAttempts = maxAttempts == null ? 10 : Math.max(1, maxAttempts);
        holdTime = holdTime == null ? Duration.ofHours(72) : holdTime;
        apiConnectTimeout = apiConnectTimeout == null ? Duration.ofSeconds(10) : apiConnectTimeout;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(60) : apiTimeout;
        serverSavesSent = serverSavesSent == null ? List.of()
                : serverSavesSent.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    }

    boolean serverSavesSent(String domain) {
        return serverSavesSent.contains(domain.toLowerCase(Locale.ROOT));
    }
}
