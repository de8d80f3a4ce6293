package org.vaultmail.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.gateway.*}: the sending gateway's defaults. The fields an operator can change at run time are the
 * defaults of the {@link GatewayPolicy} ({@link GatewayPolicies}): read those from there, not from here.
 */
@ConfigurationProperties("vaultmail.gateway")
public record GatewayProperties(@Nullable Mailboxes mailboxes, @Nullable ApiKeys apiKeys, @Nullable Outbox outbox,
                                @Nullable Webhooks webhooks) {

    public GatewayProperties {
        mailboxes = mailboxes == null ? new Mailboxes(null, null) : mailboxes;
        apiKeys = apiKeys == null ? new ApiKeys(null, null, null) : apiKeys;
        outbox = outbox == null ? new Outbox(null, null, null) : outbox;
        webhooks = webhooks == null ? new Webhooks(null) : webhooks;
    }

    /**
     * @param maxPerUser      connected mailboxes one user may keep (default 5)
     * @param disabledDomains mail domains whose users may not connect mailboxes (the feature off per domain)
     */
    public record Mailboxes(@Nullable Integer maxPerUser, @Nullable List<String> disabledDomains) {
        public Mailboxes {
            maxPerUser = maxPerUser == null ? 5 : maxPerUser;
            disabledDomains = disabledDomains == null ? List.of() : List.copyOf(disabledDomains);
        }
    }

    /**
     * @param requireSecondFactor creating a key needs a second factor on the account (default true)
     * @param maxLifetime         the longest expiry a key may have (default 365 days); a key asked for without
     *                            an expiry gets this one
     * @param requestsPerMinute   requests one key may make per minute before 429 (default 600)
     */
    public record ApiKeys(@Nullable Boolean requireSecondFactor, @Nullable Duration maxLifetime,
                          @Nullable Integer requestsPerMinute) {
        public ApiKeys {
            requireSecondFactor = requireSecondFactor == null || requireSecondFactor;
            maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
            requestsPerMinute = requestsPerMinute == null ? 600 : requestsPerMinute;
        }
    }

    /**
     * @param sendPerMinute default messages per connected mailbox per minute (default 60); more are queued
     * @param sendPerDay    default messages per connected mailbox per day (default 2000); more are queued
     * @param domains       per mail domain overrides of the two limits
     */
    public record Outbox(@Nullable Integer sendPerMinute, @Nullable Integer sendPerDay,
                         @Nullable Map<String, SendLimits> domains) {
        public Outbox {
            sendPerMinute = sendPerMinute == null ? 60 : sendPerMinute;
            sendPerDay = sendPerDay == null ? 2000 : sendPerDay;
            domains = domains == null ? Map.of() : Map.copyOf(domains);
        }
    }

    /** Per-domain send limits; a null field falls back to the default. */
    public record SendLimits(@Nullable Integer perMinute, @Nullable Integer perDay) {
    }

    /** @param allowedInternal {@code host:port} pairs webhooks may reach although they are internal (default none) */
    public record Webhooks(@Nullable List<String> allowedInternal) {
        public Webhooks {
            allowedInternal = allowedInternal == null ? List.of() : List.copyOf(allowedInternal);
        }
    }
}
