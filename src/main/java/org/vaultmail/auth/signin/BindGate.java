package org.vaultmail.auth.signin;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailAuthenticator;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/** Caps the IMAP logins in progress on this node, so a password spray cannot overload the mail servers. */
public final class BindGate {

    private final MailAuthenticator authenticator;
    private final Semaphore slots;
    private final Duration wait;

    BindGate(MailAuthenticator authenticator, int maxConcurrent, Duration wait) {
        this.authenticator = authenticator;
        this.slots = new Semaphore(Math.max(1, maxConcurrent), true);
        this.wait = wait;
    }

    /** Binds when a slot frees up within the wait; otherwise {@link SignInException.Outcome#BUSY}. */
    public BindResult bind(MailServers servers, String address, Secret password) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) throw new SignInException(SignInException.Outcome.BUSY);
        try {
            return authenticator.bind(servers, address, password);
        } finally {
            slots.release();
        }
    }
}
