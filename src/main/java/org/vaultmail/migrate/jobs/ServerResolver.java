package org.vaultmail.migrate.jobs;

import java.util.Locale;
import java.util.Optional;

import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;

/**
 * A server name as a job names it → the servers to connect to: an operator-configured mail domain first, then an
 * operator-allowed migration source. Nothing else resolves: a user never reaches a host the operator did not list.
 */
final class ServerResolver {

    private final MailServerDirectory directory;
    private final MigrationSources sources;

    ServerResolver(MailServerDirectory directory, MigrationSources sources) {
        this.directory = directory;
        this.sources = sources;
    }

    Optional<MailServers> resolve(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Optional<MailServers> domain = directory.all().stream()
                .filter(s -> !s.domain().equals("*") && s.domain().equals(n)).findFirst();
        return domain.or(() -> sources.find(name.trim()).map(ServerResolver::servers));
    }

    /** The domain that serves a user's sign-in address (their imports go there), by its configured name. */
    Optional<MailServers> home(String address) {
        return directory.forAddress(address).filter(s -> !s.domain().equals("*"));
    }

    /** A source as {@link MailServers}: its IMAP endpoint; SMTP is never used; no client address is sent. */
    static MailServers servers(MigrationSource s) {
        MailServers.Endpoint imap = new MailServers.Endpoint(s.host(), s.port(), s.security());
        return new MailServers(s.name(), imap, imap, Optional.ofNullable(s.trustStore()), false);
    }
}
