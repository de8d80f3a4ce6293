package org.vaultmail.mail.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.CredentialSource;
import org.vaultmail.mail.FolderWatcher;
import org.vaultmail.mail.MailPushProperties;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MailWatch;
import org.vaultmail.mail.WatchListener;
import org.vaultmail.vault.Secret;

/**
 * {@link FolderWatcher} on Angus Mail: each watch is an {@link AngusFolderWatch} on a virtual thread with its own
 * IMAP connection, opened with the same session properties as the mail store ({@link MailSessionProperties} via
 * {@link AngusMailStoreFactory}), except a read timeout long enough for an IDLE round.
 */
public final class AngusFolderWatcher implements FolderWatcher, AutoCloseable {

    private final AngusMailStoreFactory factory;
    private final MailPushProperties settings;
    private final Semaphore slots;
    private final Set<AngusFolderWatch> running = ConcurrentHashMap.newKeySet();
    /** Ends IDLE rounds and enforces close; its tasks only hand work to virtual threads. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vaultmail-push-timer").factory());

    public AngusFolderWatcher(AngusMailStoreFactory factory, MailPushProperties settings) {
        this.factory = factory;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxWatches());
    }

    @Override
    public MailWatch watch(MailServers servers, String address, CredentialSource credentials, String folder,
                           WatchListener listener) {
        if (!slots.tryAcquire()) throw new MailStoreException(Reason.UNAVAILABLE, "Too many mail watches on this node");
        AngusFolderWatch watch = new AngusFolderWatch(this, servers, address, credentials, folder, listener);
        running.add(watch);
        try {
            watch.start();
        } catch (RuntimeException | Error e) {
            finished(watch);
            throw e;
        }
        return watch;
    }

    @Override
    public int activeWatches() {
        return running.size();
    }

    /** Stops every watch (at shutdown). */
    @Override
    public void close() {
        running.forEach(AngusFolderWatch::close);
        timer.shutdownNow();
    }

    MailPushProperties settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Called once by a watch whose thread has ended. */
    void finished(AngusFolderWatch watch) {
        if (running.remove(watch)) slots.release();
    }

    /**
     * Connects and logs in; the password is unsealed only for the login. A password that cannot be had, or is
     * refused, is {@link AccessLost}; anything else is a {@link MessagingException} worth a retry.
     */
    IMAPStore connect(MailServers servers, String address, CredentialSource credentials) throws MessagingException {
        MailServers.Endpoint imap = servers.imap();
        Properties props;
        try {
            props = factory.sessionProperties(imap.security(), servers);
        } catch (IOException | GeneralSecurityException e) {
            throw new MessagingException("Cannot load the trust store of " + servers.domain());
        }
        String p = MailSessionProperties.prefix("imap", imap.security());
        // the server may stay silent for a whole IDLE round; a dead peer is still caught after one more read timeout
        long read = Long.parseLong(props.getProperty(p + "timeout"));
        props.setProperty(p + "timeout", Long.toString(read + settings.idleRound().toMillis()));
        boolean xoauth2 = credentials.mechanism() == CredentialSource.Mechanism.XOAUTH2;
        if (xoauth2) props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        IMAPStore store = (IMAPStore) MailSessions.of(servers, props).getStore(imap.security() == Security.TLS ? "imaps" : "imap");
        try {
            login(store, imap, address, credentials);
        } catch (AccessLost e) {
            if (!xoauth2) throw e;
            credentials.refused(); // an expired or revoked access token: once more with a fresh one
            login(store, imap, address, credentials);
        }
        return store;
    }

    private static void login(IMAPStore store, MailServers.Endpoint imap, String address, CredentialSource credentials)
            throws MessagingException {
        Secret password;
        try {
            password = credentials.open();
        } catch (RuntimeException e) {
            throw new AccessLost();
        }
        try (password) {
            store.connect(imap.host(), imap.port(), address, password.revealUtf8());
        } catch (AuthenticationFailedException e) {
            throw new AccessLost();
        }
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The credentials are gone (session ended) or were refused: reconnecting cannot help. */
    static final class AccessLost extends MessagingException {
        private static final long serialVersionUID = 1L;

        AccessLost() {
            super("The mail login is no longer available");
        }
    }
}
