package org.vaultmail.auth.signin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.ThrottleProperties;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.Users;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/**
 * Sign-in by IMAP bind (ADR 0004): the throttle's reservation (ADR 0025), the bind, the second factor, then a new
 * session from {@link Sessions#open}. Split out of {@code Sessions}, which now only knows verified users (ADR 0033).
 */
public final class SignIn {

    private static final java.util.regex.Pattern PLAUSIBLE_ADDRESS = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final MailServerDirectory directory;
    private final BindGate binds;
    private final SignInThrottle throttle;
    private final ThrottleProperties throttling;
    private final Users users;
    private final UserMfa mfa;
    private final Passkeys passkeys;
    private final AuthPolicies policies;
    private final Sessions sessions;
    private final ApplicationEventPublisher events;
    private final Function<String, Optional<OAuthProvider>> oauthDomains;

    SignIn(MailServerDirectory directory, BindGate binds, SignInThrottle throttle, ThrottleProperties throttling, Users users,
           UserMfa mfa, Passkeys passkeys, AuthPolicies policies, Sessions sessions, ApplicationEventPublisher events,
           Function<String, Optional<OAuthProvider>> oauthDomains) {
        this.passkeys = passkeys;
        this.oauthDomains = oauthDomains;
        this.directory = directory;
        this.binds = binds;
        this.throttle = throttle;
        this.throttling = throttling;
        this.users = users;
        this.mfa = mfa;
        this.policies = policies;
        this.sessions = sessions;
        this.events = events;
    }

    /**
     * Binds to the address's IMAP server with {@code password}; on success a new session, unless the
     * user has a second factor and {@code otp} is missing or wrong ({@link MfaRequiredException}, which
     * is only thrown after the password was verified), or MFA is required and an API client is not enrolled.
     * A refusal (unknown domain, wrong password, or a throttling wait, which never reaches IMAP) looks and
     * takes the same: at least {@code min-failure-duration} plus jitter (G9).
     */
    public Issued signIn(String rawAddress, Secret password, boolean remember, boolean api, Sessions.Client client, @Nullable String otp) {
        long started = System.nanoTime();
        try {
            return attempt(Users.normalize(rawAddress), password, remember, api, client, otp);
        } catch (SignInException e) {
            if (e.outcome() == SignInException.Outcome.REFUSED) padFailure(started);
            throw e;
        }
    }

    private Issued attempt(String address, Secret password, boolean remember, boolean api, Sessions.Client client, @Nullable String otp) {
        // people type their password into the address field: only something address-shaped is recorded
        boolean plausible = address.length() <= 320 && PLAUSIBLE_ADDRESS.matcher(address).matches();
        String recorded = plausible ? address : "(not an address)";
        // an OAuth domain's users sign in at its provider: no password of theirs is checked or counted here (ADR 0045)
        Optional<OAuthProvider> oauth = plausible ? oauthDomains.apply(address.substring(address.indexOf('@') + 1)) : Optional.empty();
        if (oauth.isPresent()) throw new SignInException(oauth.get());
        // reserved before anything is asked, settled after: parallel attempts cannot all pass the check (ADR 0025)
        Optional<SignInThrottle.Attempt> reserved = throttle.reserve(recorded, client.address());
        if (reserved.isEmpty()) throw refused(recorded, SignInFailed.Reason.LOCKED_OUT, client, null);
        try (SignInThrottle.Attempt attempt = reserved.get()) {
            Optional<MailServers> servers = plausible ? directory.forAddress(address) : Optional.empty();
            if (servers.isEmpty()) throw refused(recorded, SignInFailed.Reason.UNKNOWN_DOMAIN, client, attempt);
            BindResult result = binds.bind(servers.get(), address, password);
            if (result == BindResult.UNREACHABLE) { // released: it says nothing about the password
                events.publishEvent(new SignInFailed(address, SignInFailed.Reason.SERVER_UNREACHABLE, client.address(), client.userAgent()));
                throw new SignInException(SignInException.Outcome.UNREACHABLE);
            }
            if (result != BindResult.OK) throw refused(address, SignInFailed.Reason.WRONG_CREDENTIALS, client, attempt);
            Optional<Long> existing = users.idOf(address);
            boolean totp = existing.isPresent() && mfa.enrolled(existing.get());
            if (existing.isPresent() && (totp || passkeys.registered(address))) {
                long id = existing.get();
                // released, not a success: the password alone must not clear the account's counter. A passkey-only
                // account has no code to give here: its second step is the browser's (ADR 0048)
                if (otp == null || otp.isBlank() || !totp) throw new MfaRequiredException(id, address, false);
                if (!mfa.verify(id, address, otp, MfaFailed.Reason.SIGN_IN)) {
                    // a wrong second factor counts like a wrong password, so codes cannot be guessed at leisure
                    attempt.failed().forEach(events::publishEvent);
                    throw new MfaRequiredException(id, address, true);
                }
            } else if (api && policies.current().requireMfa()) {
                throw new MfaEnrolmentRequiredException();
            }
            attempt.succeeded();
        }
        return sessions.open(address, password, remember, api, client);
    }

    /** Publishes the refusal; a reserved {@code attempt} becomes a counted failure first (lockout starts after it). */
    private SignInException refused(String address, SignInFailed.Reason reason, Sessions.Client client,
                                    SignInThrottle.@Nullable Attempt attempt) {
        List<SignInLockoutStarted> started = attempt == null ? List.of() : attempt.failed();
        events.publishEvent(new SignInFailed(address, reason, client.address(), client.userAgent()));
        started.forEach(events::publishEvent); // after the failure that started it
        return new SignInException(SignInException.Outcome.REFUSED);
    }

    /** Sleeps until {@code started} + the minimum failure duration + jitter, so every refusal takes about as long. */
    private void padFailure(long started) {
        long jitter = throttling.failureJitter().toNanos();
        long target = throttling.minFailureDuration().toNanos() + (jitter > 0 ? RANDOM.nextLong(jitter) : 0);
        long remaining = target - (System.nanoTime() - started);
        if (remaining <= 0) return;
        try {
            Thread.sleep(Duration.ofNanos(remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
