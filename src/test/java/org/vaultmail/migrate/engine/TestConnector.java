package org.vaultmail.migrate.engine;

import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.vault.Secret;

/** Plain IMAP on loopback for the engine's tests, counting connect attempts per username. */
final class TestConnector implements ImapConnector {

    private final java.util.Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean restoreAccounts;

    /** Restores the shared test accounts and tries once more when a login is refused (another JVM wiped them). */
    TestConnector() {
        this(true);
    }

    TestConnector(boolean restoreAccounts) {
        this.restoreAccounts = restoreAccounts;
    }

    static ImapAccount account(int port, String username, String password) {
        MailServers servers = new MailServers("example.test", new MailServers.Endpoint("127.0.0.1", port, Security.PLAIN),
                new MailServers.Endpoint("127.0.0.1", 25, Security.PLAIN), Optional.empty(), false);
        return new ImapAccount(servers, username, Secret.ofUtf8(password));
    }

    /** A connected store, outside the engine (seeding and checking). */
    static IMAPStore open(int port, String username, String password) throws MessagingException {
        try (ImapAccount account = account(port, username, password)) {
            return new TestConnector().connect(account);
        }
    }

    @Override
    public IMAPStore connect(ImapAccount account) throws MessagingException {
        attempts.computeIfAbsent(account.username(), k -> new AtomicInteger()).incrementAndGet();
        try {
            return login(account);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            if (!restoreAccounts || !MigrationAccounts.restoreIfMissing()) throw e;
            return login(account);
        }
    }

    private static IMAPStore login(ImapAccount account) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "20000");
        props.setProperty("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        try {
            store.connect(account.servers().imap().host(), account.servers().imap().port(), account.username(),
                    account.password().revealUtf8());
            return store;
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    int attempts(String username) {
        AtomicInteger n = attempts.get(username);
        return n == null ? 0 : n.get();
    }
}
