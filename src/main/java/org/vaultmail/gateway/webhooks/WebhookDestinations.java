package org.vaultmail.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.vaultmail.proxy.DestinationRules;

/**
 * Where webhooks may be delivered: https URLs whose host resolves to public addresses only, by the image proxy's rules
 * ({@link DestinationRules}); checked when an endpoint is registered and again before every attempt, and the attempt
 * connects to the addresses checked then (no second lookup, so DNS rebinding gains nothing). The operator's
 * {@code allowed-internal} {@code host:port} pairs are exempt from the address check, and only they may use http.
 */
final class WebhookDestinations {

    /** DNS lookup, replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL checked for one attempt, with the addresses to connect to. */
    record Vetted(DestinationRules.Target target, List<InetAddress> addresses) {
    }

    static final int MAX_LENGTH = 2048;

    private final Set<String> allowedInternal;
    private final Resolver resolver;

    WebhookDestinations(List<String> allowedInternal, Resolver resolver) {
        this.allowedInternal = allowedInternal.stream().map(WebhookDestinations::pair).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Checks {@code url} and resolves its host; throws {@link WebhookUrlException} with a message for the user. */
    Vetted vet(String url) {
        if (url.length() > MAX_LENGTH) throw new WebhookUrlException("problem.webhook.urlTooLong", String.valueOf(MAX_LENGTH));
        DestinationRules.Target target;
        try {
            target = DestinationRules.parse(url);
        } catch (IllegalArgumentException e) {
            throw new WebhookUrlException("problem.webhook.urlUnusable", String.valueOf(e.getMessage())); // the proxy's reason, English
        }
        boolean internal = allowedInternal.contains(pair(target.host() + ":" + target.port()));
        if (!internal && !target.scheme().equals("https")) {
            throw new WebhookUrlException("problem.webhook.https");
        }
        List<InetAddress> addresses = target.literal() != null ? List.of(target.literal()) : resolve(target.host());
        if (!internal) {
            for (InetAddress address : addresses) {
                if (DestinationRules.refusal(address) != null) {
                    throw new WebhookUrlException("problem.webhook.reserved");
                }
            }
        }
        return new Vetted(target, addresses);
    }

    private List<InetAddress> resolve(String host) {
        try {
            InetAddress[] found = resolver.resolve(host);
            if (found.length == 0) throw new UnknownHostException();
            return List.of(found);
        } catch (UnknownHostException e) {
            throw new WebhookUrlException("problem.webhook.unresolved");
        }
    }

    /** {@code host:port} in one spelling: lower case, IPv6 without brackets. */
    private static String pair(String hostPort) {
        String p = hostPort.trim().toLowerCase(Locale.ROOT);
        return p.startsWith("[") ? p.replaceFirst("^\\[([^]]*)]", "$1") : p;
    }
}
