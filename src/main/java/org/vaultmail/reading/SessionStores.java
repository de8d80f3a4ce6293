package org.vaultmail.reading;

import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;

/**
 * Runs work on one of the session's pooled IMAP connections ({@link MailConnections}, which unseals the session's
 * credentials only when it must open one), timed. Package-private: other modules go through {@link Mailbox} and
 * {@link MailboxChanges}, whose methods say what they do, never through the store itself.
 */
@Component
class SessionStores {

    private final MailConnections connections;
    private final MailServerDirectory directory;
    private final SessionCredentials credentials;
    private final Timer mailTime;

    SessionStores(MailConnections connections, MailServerDirectory directory, SessionCredentials credentials, MeterRegistry meters) {
        this.connections = connections;
        this.directory = directory;
        this.credentials = credentials;
        this.mailTime = Timer.builder("vaultmail.mail.operations")
                .description("Time a request holds a pooled IMAP connection (opening it included, when it has to be)")
                .publishPercentileHistogram().register(meters);
    }

    <T> T run(AuthenticatedSession me, Function<MailStore, T> work) {
        MailServers servers = servers(me);
        Timer.Sample sample = Timer.start();
        try {
            return connections.withStore(me.sessionId(), servers, me.address(), credentials.imapSource(me), work);
        } finally {
            sample.stop(mailTime);
        }
    }

    /** As {@link #run} for work that answers nothing. */
    void accept(AuthenticatedSession me, java.util.function.Consumer<MailStore> work) {
        run(me, s -> {
            work.accept(s);
            return null;
        });
    }

    private MailServers servers(AuthenticatedSession me) {
        Optional<MailServers> servers = directory.forAddress(me.address());
        return servers.orElseThrow(() -> new MailStoreException(Reason.UNAVAILABLE,
                "No mail server is configured for your domain any more; ask your operator."));
    }
}
