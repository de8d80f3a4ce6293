package org.vaultmail.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator's gateway policy in force now: the configuration's defaults ({@link GatewayProperties}) with what the
 * console changed. Read per use from {@link GatewayPolicies#current()}.
 */
public record GatewayPolicy(int maxMailboxesPerUser, Set<String> disabledDomains, boolean apiKeysRequireSecondFactor,
                            Duration apiKeyMaxLifetime, int sendPerMinute, int sendPerDay,
                            Map<String, GatewayProperties.SendLimits> domainSendLimits) {

    public GatewayPolicy {
        disabledDomains = Set.copyOf(disabledDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        domainSendLimits = Map.copyOf(domainSendLimits);
    }

    public static GatewayPolicy of(GatewayProperties p) {
        return new GatewayPolicy(p.mailboxes().maxPerUser(), Set.copyOf(p.mailboxes().disabledDomains()),
                p.apiKeys().requireSecondFactor(), p.apiKeys().maxLifetime(), p.outbox().sendPerMinute(),
                p.outbox().sendPerDay(), p.outbox().domains());
    }

    public boolean connectingAllowed(String domain) {
        return !disabledDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** Messages per minute for a mailbox on {@code domain}. */
    public int perMinute(String domain) {
        GatewayProperties.SendLimits l = domainSendLimits.get(domain.toLowerCase(Locale.ROOT));
        return l != null && l.perMinute() != null ? l.perMinute() : sendPerMinute;
    }

    /** Messages per day for a mailbox on {@code domain}. */
    public int perDay(String domain) {
        GatewayProperties.SendLimits l = domainSendLimits.get(domain.toLowerCase(Locale.ROOT));
        return l != null && l.perDay() != null ? l.perDay() : sendPerDay;
    }
}
