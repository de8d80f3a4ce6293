package org.vaultmail.account;

import java.nio.file.Path;
import java.util.Optional;

import org.vaultmail.account.MailDomainsProperties.Security;

/**
 * The servers that serve one mail domain, validated. {@code sendClientAddress}: IMAP logins first tell the server
 * the user's address (RFC 2971 {@code ID}, ADR 0030).
 */
public record MailServers(String domain, Endpoint imap, Endpoint smtp, Optional<Path> trustStore, boolean sendClientAddress) {

    /** Servers that are told the user's address (the default). */
    public MailServers(String domain, Endpoint imap, Endpoint smtp, Optional<Path> trustStore) {
        this(domain, imap, smtp, trustStore, true);
    }

    /** A validated server address. */
    public record Endpoint(String host, int port, Security security) {
        @Override
        public String toString() {
            return host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }
}
