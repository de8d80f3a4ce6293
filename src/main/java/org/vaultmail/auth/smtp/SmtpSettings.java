package org.vaultmail.auth.smtp;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;

import org.vaultmail.account.SmtpLogin;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.signin.LimitBuckets;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.mail.SmtpLoginCheck.Outcome;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * The SMTP settings of the signed-in user, for the page and the API (ADR 0007): show whether a login
 * is stored (never its password), test one against the domain's configured server, save, clear.
 */
final class SmtpSettings {

    static final String STALE_MESSAGE = "problem.smtp.stale";
    static final int MAX_USERNAME = 320;
    static final int MAX_PASSWORD_BYTES = 1024;

    /** What the page and {@code GET /api/v1/settings/smtp} show. */
    record View(boolean configured, @Nullable String username, boolean stale) {
    }

    private final SmtpCredentials store;
    private final SessionCredentials credentials;
    private final MailServerDirectory directory;
    private final SmtpLoginCheck check;
    private final ApplicationEventPublisher events;
    private final IntSupplier testsPerHour;
    /** Tests per user; in memory on each node, like the sign-in request limit; a changed policy (ADR 0022) starts them again. */
    private final LimitBuckets<Long> testBuckets = new LimitBuckets<>(Duration.ofHours(1), Integer.MAX_VALUE);

    SmtpSettings(SmtpCredentials store, SessionCredentials credentials, MailServerDirectory directory, SmtpLoginCheck check,
                 ApplicationEventPublisher events, IntSupplier testsPerHour) {
        this.testsPerHour = testsPerHour;
        this.store = store;
        this.credentials = credentials;
        this.directory = directory;
        this.check = check;
        this.events = events;
    }

    /** The stored username needs the IMAP password to open (one Argon2id run); a stale login shows none. */
    View view(AuthenticatedSession me) {
        SmtpCredentials.Status status = store.status(me.userId());
        if (!status.configured() || status.stale()) return new View(status.configured(), null, status.stale());
        try (Secret imap = credentials.imapPassword(me); SmtpCredentials.Opened opened = store.open(me.userId(), imap)) {
            SmtpLogin login = opened.login();
            return login == null ? new View(true, null, opened.outcome() == SmtpCredentials.Outcome.STALE)
                    : new View(true, login.username(), false);
        } catch (VaultException e) {
            return new View(true, null, false); // does not open (tampered row, retired key): saving again replaces it
        }
    }

    Outcome test(AuthenticatedSession me, String username, Secret password) {
        int perHour = testsPerHour.getAsInt();
        if (perHour > 0 && !testBuckets.of(me.userId(), perHour).tryConsume(1)) {
            throw new TooManySmtpTestsException();
        }
        Optional<MailServers> servers = directory.forAddress(me.address());
        Outcome outcome = servers.isEmpty() ? Outcome.UNREACHABLE : check.check(servers.get(), username, password);
        events.publishEvent(new SmtpCredentialsTested(me.userId(), me.address(), me.sessionId(), outcome));
        return outcome;
    }

    /** Tests first (unless {@code test} is false); saves only when the test passed. Returns the test's outcome. */
    Outcome save(AuthenticatedSession me, String username, Secret password, boolean test) {
        if (test) {
            Outcome outcome = test(me, username, password);
            if (outcome != Outcome.OK) return outcome;
        }
        try (Secret imap = credentials.imapPassword(me)) {
            store.save(me.userId(), username, password, imap);
        }
        try (SmtpLogin login = new SmtpLogin(username, Secret.copyOf(password.revealBytes()))) {
            credentials.replaceSmtpLogin(me, login);
        }
        events.publishEvent(new SmtpCredentialsSet(me.userId(), me.address(), me.sessionId()));
        return Outcome.OK;
    }

    boolean clear(AuthenticatedSession me) {
        boolean cleared = store.clear(me.userId());
        credentials.replaceSmtpLogin(me, null);
        if (cleared) events.publishEvent(new SmtpCredentialsCleared(me.userId(), me.address(), me.sessionId()));
        return cleared;
    }

    /** An honest, secret-free sentence for each outcome: its message key (messages-problems), shown in the request's language. */
    static String message(Outcome outcome) {
        return switch (outcome) {
            case OK -> "problem.smtp.ok";
            case AUTH_FAILED -> "problem.smtp.authFailed";
            case AUTH_NOT_OFFERED -> "problem.smtp.authNotOffered";
            case TLS_FAILED -> "problem.smtp.tlsFailed";
            case UNREACHABLE -> "problem.smtp.unreachable";
        };
    }

    /** Why a username/password pair is unacceptable, or null if it is fine. */
    static @Nullable String invalid(@Nullable String username, char @Nullable [] password) {
        if (username == null || username.isBlank()) return "problem.smtp.noUsername";
        if (username.length() > MAX_USERNAME || username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "problem.smtp.badUsername";
        }
        if (password == null || password.length == 0) return "problem.smtp.noPassword";
        if (password.length > MAX_PASSWORD_BYTES) return "problem.smtp.longPassword";
        return null;
    }
}
