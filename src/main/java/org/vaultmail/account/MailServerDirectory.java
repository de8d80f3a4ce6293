package org.vaultmail.account;

import java.net.InetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailDomainsProperties.Domain;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailDomainsProperties.Server;

/** Looks up which servers serve an address's domain; validates the operator's map at start-up. */
@Component
public class MailServerDirectory {

    private static final Pattern DOMAIN = Pattern.compile("\\*|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,253}");

    private final Map<String, MailServers> byDomain;
    private final Map<String, KeyStore> trustStores = new java.util.HashMap<>();

    public MailServerDirectory(MailDomainsProperties properties) {
        List<String> problems = new ArrayList<>();
        Map<String, MailServers> map = new LinkedHashMap<>();
        List<Domain> domains = properties.domains();
        for (int i = 0; i < domains.size(); i++) {
            MailServers servers = validate("vaultmail.domains[" + i + "]", domains.get(i), problems);
            if (servers != null && map.putIfAbsent(servers.domain(), servers) != null) {
                problems.add("vaultmail.domains[" + i + "].domain: '" + servers.domain() + "' is configured twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMailDomainsException(problems);
        }
        this.byDomain = Map.copyOf(map);
    }

    /** The servers for an address such as {@code alice@example.test}, falling back to {@code *}. */
    public Optional<MailServers> forAddress(String address) {
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) return Optional.empty();
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byDomain.get(domain)).or(() -> Optional.ofNullable(byDomain.get("*")));
    }

    /** The operator's trust store for these servers, loaded and checked at start-up; empty means the JDK's. */
    public Optional<KeyStore> trustAnchors(MailServers servers) {
        return Optional.ofNullable(trustStores.get(servers.domain()));
    }

    public List<MailServers> all() {
        return List.copyOf(byDomain.values());
    }

    private @Nullable MailServers validate(String prefix, Domain d, List<String> problems) {
        int before = problems.size();
        String domain = d.domain() == null ? null : d.domain().trim().toLowerCase(Locale.ROOT);
        if (domain == null || domain.isEmpty()) {
            problems.add(prefix + ".domain: missing (a mail domain such as example.org, or *)");
        } else if (!DOMAIN.matcher(domain).matches()) {
            problems.add(prefix + ".domain: '" + d.domain() + "' is not a domain name");
        }
        MailServers.Endpoint imap = endpoint(prefix + ".imap", d.imap(), 993, problems);
        MailServers.Endpoint smtp = endpoint(prefix + ".smtp", d.smtp(), 465, problems);
        KeyStore trustAnchors = null;
        if (d.trustStore() != null && !Files.isReadable(d.trustStore())) {
            problems.add(prefix + ".trust-store: cannot read " + d.trustStore());
        } else if (d.trustStore() != null) {
            try {
                trustAnchors = TrustStores.load(d.trustStore(), d.trustStorePassword());
            } catch (IOException | GeneralSecurityException e) {
                // The exception text of a wrong password is generic; never echo the password itself.
                problems.add(prefix + ".trust-store: cannot use " + d.trustStore() + ": "
                        + (e instanceof IOException && e.getCause() instanceof java.security.UnrecoverableKeyException
                                ? "wrong trust-store-password" : e.getMessage()));
            }
        }
        if (problems.size() > before || domain == null || imap == null || smtp == null) return null;
        if (trustAnchors != null) trustStores.put(domain, trustAnchors);
        return new MailServers(domain, imap, smtp, Optional.ofNullable(d.trustStore()),
                d.sendClientAddress() == null || d.sendClientAddress());
    }

    private static MailServers.@Nullable Endpoint endpoint(String prefix, @Nullable Server s, int defaultPort, List<String> problems) {
        if (s == null) {
            problems.add(prefix + ": missing (host, port, security)");
            return null;
        }
        int before = problems.size();
        String host = s.host() == null ? "" : s.host().trim();
        if (host.isEmpty()) {
            problems.add(prefix + ".host: missing");
        } else if (!HOST.matcher(host).matches()) {
            problems.add(prefix + ".host: '" + host + "' is not a host name or address");
        }
        int port = s.port() == null ? defaultPort : s.port();
        if (port < 1 || port > 65535) {
            problems.add(prefix + ".port: " + port + " is not a TCP port");
        }
        Security security = s.security() == null ? Security.TLS : s.security();
        if (security == Security.PLAIN && !host.isEmpty() && !isLoopback(host)) {
            problems.add(prefix + ".security: 'plain' sends passwords unencrypted and is only allowed for a loopback host, not " + host);
        }
        return problems.size() > before ? null : new MailServers.Endpoint(host, port, security);
    }

    /** Literal loopback addresses and {@code localhost} only: a DNS name could change after start-up. */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return true;
        if (!h.matches("[0-9.]+") && !h.contains(":")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
