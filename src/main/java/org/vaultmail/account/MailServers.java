package org.vaultmail.account;

import java.nio.file.Path;
import java.util.Optional;

import org.vaultmail.account.MailDomainsProperties.Security;

/** The servers that serve one mail domain, validated. */
public record MailServers(String domain, Endpoint imap, Endpoint smtp, Optional<Path> trustStore) {

    /** A validated server address. */
    public record Endpoint(String host, int port, Security security) {
        @Override
        public String toString() {
            return host + ":" + port + " (" + security.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }
}
