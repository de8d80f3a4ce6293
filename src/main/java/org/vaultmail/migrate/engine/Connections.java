package org.vaultmail.migrate.engine;

import java.util.List;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Opens a worker's {@link ConnectionPair} under the per-host cap: a refused login fails the pass at once (never
 * retried, so an account is not locked out by our retries); other connect failures are retried with backoff, then the
 * pass fails as unreachable. Failure messages are ours, in words: no password, no server reply.
 */
final class Connections {

    private final ImapConnector connector;
    private final HostLimits limits;
    private final Backoff backoff;
    private final int attempts;
    private final ImapAccount source;
    private final ImapAccount destination;

    Connections(ImapConnector connector, HostLimits limits, Backoff backoff, int attempts, ImapAccount source,
                ImapAccount destination) {
        this.connector = connector;
        this.limits = limits;
        this.backoff = backoff;
        this.attempts = attempts;
        this.source = source;
        this.destination = destination;
    }

    ConnectionPair open() throws MigrationFailure, InterruptedException {
        HostLimits.Permits permits = limits.acquire(List.of(source.hostKey(), destination.hostKey()));
        IMAPStore src = null;
        try {
            src = connect(source, true);
            IMAPStore dst = connect(destination, false);
            return new ConnectionPair(src, dst, permits);
        } catch (MigrationFailure | InterruptedException | RuntimeException e) {
            if (src != null) ConnectionPair.closeQuietly(src);
            permits.close();
            throw e;
        }
    }

    private IMAPStore connect(ImapAccount account, boolean isSource) throws MigrationFailure, InterruptedException {
        String side = isSource ? "source" : "destination";
        for (int attempt = 0; ; attempt++) {
            try {
                return connector.connect(account);
            } catch (MessagingException e) {
                if (Failures.authentication(e)) {
                    throw new MigrationFailure(MigrationFailure.Kind.AUTHENTICATION, isSource,
                            "the " + side + " server refused the login of " + account.username());
                }
                if (attempt + 1 >= attempts) {
                    throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, isSource,
                            "could not connect to the " + side + " server " + account.hostKey() + " after " + attempts
                                    + " attempts (" + e.getClass().getSimpleName() + ")");
                }
                Thread.sleep(backoff.delay(attempt));
            }
        }
    }
}
