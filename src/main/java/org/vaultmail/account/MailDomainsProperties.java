package org.vaultmail.account;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The operator's map of mail domains to servers ({@code vaultmail.domains}). Users never supply a
 * host: the domain of the address they sign in with picks the servers, so there is no SSRF.
 */
@ConfigurationProperties("vaultmail")
public record MailDomainsProperties(@Nullable List<Domain> domains) {

    public MailDomainsProperties {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    /**
     * One entry: a domain (or {@code *}) and its IMAP and SMTP servers. {@code sendClientAddress} (default true):
     * before each IMAP login, tell the server the user's address with RFC 2971 {@code ID} (ADR 0030).
     */
    public record Domain(@Nullable String domain, @Nullable Server imap, @Nullable Server smtp, @Nullable Path trustStore,
                         @Nullable String trustStorePassword, @Nullable Boolean sendClientAddress) {

        @ConstructorBinding // the properties bind here, not to the shorter constructor
        public Domain {
        }

        public Domain(@Nullable String domain, @Nullable Server imap, @Nullable Server smtp, @Nullable Path trustStore,
                      @Nullable String trustStorePassword) {
            this(domain, imap, smtp, trustStore, trustStorePassword, null);
        }

        @Override
        public String toString() {
            return "Domain[" + domain + ", imap=" + imap + ", smtp=" + smtp + ", trustStore=" + trustStore
                    + ", sendClientAddress=" + sendClientAddress + "]";
        }
    }

    /** A host, port and transport security. */
    public record Server(@Nullable String host, @Nullable Integer port, @Nullable Security security) {
    }

    /** How the connection is protected; {@code plain} only to loopback test servers. */
    public enum Security {
        TLS, STARTTLS, PLAIN
    }
}
