package org.vaultmail.auth.signin;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.passkeys.PasskeyException;
import org.vaultmail.auth.passkeys.PasskeyUnlock;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/**
 * Sign-in with a passkey alone (ADR 0051): the assertion names the account (a discoverable credential), the sign-in
 * throttle's reservation covers it like a password (G9: a refused passkey or PRF output is a counted failure; during a
 * wait nothing is checked), the operator's per-domain policy is asked, the password is unlocked with the PRF output
 * and bound to IMAP as usual, then the session opens with it sealed as always (ADR 0004). The passkey is the second
 * factor too (possession plus user verification), so no code is asked. A password changed on the mail server fails
 * the bind: the user is asked for it once, beside a new touch of the passkey, and it is sealed again.
 */
final class PasskeySignIn {

    /** What the page shows next. */
    sealed interface Outcome {
        record SignedIn(Issued issued) implements Outcome {
        }

        record Refused(String message, int status) implements Outcome {
        }

        /** The unlocked password no longer opens the mailbox: ask for it, with a new ceremony for the same account. */
        record PasswordChanged(String address, Passkeys.Ceremony ceremony) implements Outcome {
        }
    }

    static final String UNKNOWN = "(passkey)";

    private final PasskeyUnlock unlock;
    private final SignInThrottle throttle;
    private final MailServerDirectory directory;
    private final BindGate binds;
    private final Sessions sessions;
    private final ApplicationEventPublisher events;

    PasskeySignIn(PasskeyUnlock unlock, SignInThrottle throttle, MailServerDirectory directory, BindGate binds, Sessions sessions,
                  ApplicationEventPublisher events) {
        this.unlock = unlock;
        this.throttle = throttle;
        this.directory = directory;
        this.binds = binds;
        this.sessions = sessions;
        this.events = events;
    }

    /** The discoverable sign-in: {@code prf} is the PRF output the page read (base64url), never logged. */
    Outcome signIn(String ceremony, String assertion, String prf, boolean remember, Sessions.Client client) {
        return attempt(ceremony, assertion, prf, null, remember, client);
    }

    /** The password-changed step: the typed {@code password} and a new assertion of the same account. */
    Outcome reseal(String ceremony, String assertion, String prf, Secret password, boolean remember, Sessions.Client client) {
        return attempt(ceremony, assertion, prf, password, remember, client);
    }

    private Outcome attempt(String ceremony, String assertion, String prf, @Nullable Secret typed, boolean remember,
                            Sessions.Client client) {
        Optional<PasskeyUnlock.Candidate> found = unlock.identify(assertion);
        String account = found.map(PasskeyUnlock.Candidate::address).orElse(UNKNOWN);
        Optional<SignInThrottle.Attempt> reserved = throttle.reserve(account, client.address());
        if (reserved.isEmpty()) {
            events.publishEvent(new SignInFailed(account, SignInFailed.Reason.LOCKED_OUT, client.address(), client.userAgent()));
            return new Outcome.Refused(SessionsApiController.SIGN_IN_FAILED, 401);
        }
        PasskeyUnlock.Candidate c;
        try (SignInThrottle.Attempt attempt = reserved.get()) {
            if (found.isEmpty()) { // a passkey not set up for this (or no passkey of this site): counted for the client
                events.publishEvent(new SignInFailed(UNKNOWN, SignInFailed.Reason.WRONG_CREDENTIALS, client.address(), client.userAgent()));
                attempt.failed().forEach(events::publishEvent);
                return new Outcome.Refused(PasskeyException.Problem.NOT_ENABLED.message(), 401);
            }
            c = found.get();
            if (!unlock.allowed(c.address())) { // released: the operator's choice, not a guess
                unlock.refused(c, "forbidden", client.address());
                return new Outcome.Refused(PasskeyException.Problem.FORBIDDEN.message(), 403);
            }
            Optional<MailServers> servers = directory.forAddress(c.address());
            if (servers.isEmpty()) {
                unlock.refused(c, "unknown_domain", client.address());
                return new Outcome.Refused(SessionsApiController.SIGN_IN_FAILED, 401);
            }
            PasskeyUnlock.Unlocked unlocked;
            try {
                unlocked = unlock.unlock(c, ceremony, assertion, prf, typed != null, client.address());
            } catch (PasskeyException e) {
                attempt.failed().forEach(events::publishEvent);
                return new Outcome.Refused(e.userMessage(), 401);
            }
            try (unlocked) {
                Secret password = typed != null ? typed : unlocked.password();
                BindResult result = binds.bind(servers.get(), c.address(), password);
                if (result == BindResult.UNREACHABLE) {
                    events.publishEvent(new SignInFailed(c.address(), SignInFailed.Reason.SERVER_UNREACHABLE, client.address(),
                            client.userAgent()));
                    return new Outcome.Refused(SessionsApiController.SERVER_UNREACHABLE, 503);
                }
                if (result != BindResult.OK) {
                    if (typed != null) { // a typed password that is wrong: a guess like any other
                        events.publishEvent(new SignInFailed(c.address(), SignInFailed.Reason.WRONG_CREDENTIALS, client.address(),
                                client.userAgent()));
                        attempt.failed().forEach(events::publishEvent);
                        return new Outcome.Refused(SessionsApiController.SIGN_IN_FAILED, 401);
                    }
                    // the passkey proved who this is; the mailbox password changed since it was sealed: released
                    unlock.refused(c, "password_changed", client.address());
                    return new Outcome.PasswordChanged(c.address(), unlock.startReseal(c));
                }
                if (typed != null) unlock.reseal(unlocked, typed);
                attempt.succeeded();
                unlock.signedIn(c, client.address());
                return new Outcome.SignedIn(sessions.openWithPasskey(c.address(), password, remember, client));
            }
        }
    }
}
