package org.vaultmail.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;

import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.session.OAuthSubject;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.auth.session.Users;
import org.vaultmail.auth.signin.BindGate;
import org.vaultmail.auth.signin.SignInException;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInThrottle;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/**
 * Sudo mode (ADR 0026): whether the user proved who they are inside this session within the last few minutes, and
 * the proof itself — the second factor if they have one (a TOTP code, or a passkey assertion
 * ({@link #reauthenticateWithPasskey}, ADR 0048 amendment); a passkey-only user has no other proof), else the mailbox
 * password checked by an IMAP bind through
 * the sign-in's {@link BindGate}, or, for a session that signed in at an OAuth provider, a new sign-in there
 * ({@link #reauthenticateAtProvider}, ADR 0047). The time of the last proof is kept on the session row, so it covers that session
 * only and every node sees it. Wrong proofs, and wrong codes typed into a sensitive form ({@link #guarded}), count as
 * sign-in failures of the account and the client ({@link SignInThrottle}, G9): all throttle calls are in
 * {@link #throttled}. Signing in does not count as a recent proof: a session phished in the middle (a relaying proxy
 * that captured the password and the code) must not be able to turn the second factor off without another code.
 *
 * <p>Why this is long: every way a session proves itself again (mailbox password by IMAP bind, TOTP code, passkey, a new
 * sign-in at the OAuth provider) goes through the one throttled path ({@link #throttled}) and the one record of the
 * window; apart, each proof would need both opened to it. The session row's columns are {@link
 * SessionProofRows}; the provider proof ({@code ProviderProof}, {@code ProviderOutcome}) is the part to move out next.
 */
public final class RecentAuthentication {

    /** A proof as typed; either may be null. The password is the caller's to erase. */
    public record Proof(@Nullable Secret password, @Nullable String code) {
        @Override
        public String toString() {
            return "Proof[PROTECTED]";
        }
    }

    /** A sign-in at the provider counts if the ID token's {@code auth_time} is at most this old. */
    static final Duration MAX_PROVIDER_AUTH_AGE = Duration.ofMinutes(5);
    /** Clocks of the provider and of this node may differ by this much. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /**
     * A new sign-in at the session's OAuth provider, as its verified ID token tells it (ADR 0047).
     *
     * @param providerId  the provider whose callback this came through
     * @param email       the ID token's {@code email}
     * @param authTime    the ID token's {@code auth_time}, or null when it had none
     * @param requestedAt when this node sent the user to the provider
     * @param account     the ID token's {@code iss} and {@code sub}: must be the account the session signed in as
     */
    record ProviderProof(String providerId, String email, @Nullable Instant authTime, Instant requestedAt,
                         OAuthSubject account) {
    }

    /** What became of a {@link ProviderProof}. */
    enum ProviderOutcome {
        /** Recorded: the session is in sudo mode. */
        PROVEN,
        /** Another account signed in at the provider (counted like a wrong password). */
        WRONG_ACCOUNT,
        /** No {@code auth_time}, or one from before the request: the provider did not sign the user in again. */
        STALE,
        /** The account or client must wait (nothing checked). */
        LOCKED_OUT,
        /** The session is not an OAuth session of this provider, or the user has a second factor (its code is the proof). */
        NOT_APPLICABLE,
        /** The session signed in before its provider's account was recorded (V52): only a new sign-in records it. */
        SIGN_IN_AGAIN
    }

    private final SessionProofRows rows;
    private final UserMfa mfa;
    private final MailServerDirectory directory;
    private final BindGate binds;
    private final SignInThrottle throttle;
    private final Duration window;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Supplier<@Nullable PasskeyProofs> passkeys;

    RecentAuthentication(JdbcClient jdbc, UserMfa mfa, MailServerDirectory directory, BindGate binds, SignInThrottle throttle,
                         Duration window, ApplicationEventPublisher events, Clock clock) {
        this(jdbc, mfa, directory, binds, throttle, window, events, clock, () -> null);
    }

    RecentAuthentication(JdbcClient jdbc, UserMfa mfa, MailServerDirectory directory, BindGate binds, SignInThrottle throttle,
                         Duration window, ApplicationEventPublisher events, Clock clock, Supplier<@Nullable PasskeyProofs> passkeys) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("vaultmail.auth.reauthentication-window must be positive, not " + window);
        }
        this.rows = new SessionProofRows(jdbc);
        this.mfa = mfa;
        this.directory = directory;
        this.binds = binds;
        this.throttle = throttle;
        this.window = window;
        this.events = events;
        this.clock = clock;
        this.passkeys = passkeys;
    }

    /** Whether the user has a passkey, which then proves who they are (ADR 0048 amendment); TOTP users may use either. */
    public boolean passkey(AuthenticatedSession me) {
        PasskeyProofs proofs = passkeys.get();
        return proofs != null && !proofs.list(me.address()).isEmpty();
    }

    /** The passkey side of sudo mode, when the passkeys feature is present. */
    Optional<PasskeyProofs> passkeyProofs() {
        return Optional.ofNullable(passkeys.get());
    }

    /** How long a proof lasts ({@code vaultmail.auth.reauthentication-window}). */
    public Duration window() {
        return window;
    }

    /** Until when this session may do sensitive things without another proof; empty when it must prove again. */
    public Optional<Instant> freshUntil(AuthenticatedSession me) {
        Instant now = clock.instant();
        return rows.lastProof(me).map(at -> at.plus(window)).filter(until -> until.isAfter(now));
    }

    public boolean fresh(AuthenticatedSession me) {
        return freshUntil(me).isPresent();
    }

    /** Whether the proof must be a second-factor code (the user has one) rather than the mailbox password. */
    public boolean secondFactor(AuthenticatedSession me) {
        return mfa.enrolled(me.userId());
    }

    /**
     * The proof this session must give: the second factor when the user has one (whatever the session signed in
     * with), else a new sign-in at the OAuth provider the session signed in with, else the mailbox password.
     */
    public Reauthenticated.Method proof(AuthenticatedSession me) {
        if (secondFactor(me)) return Reauthenticated.Method.SECOND_FACTOR;
        // a passkey-only user proves with the passkey, never with the password a phishing proxy may have captured
        if (passkey(me)) return Reauthenticated.Method.PASSKEY;
        return oauthProvider(me).isPresent() ? Reauthenticated.Method.PROVIDER : Reauthenticated.Method.PASSWORD;
    }

    /** The OAuth provider this session signed in with ({@code sessions.oauth_provider}), if any. */
    public Optional<String> oauthProvider(AuthenticatedSession me) {
        return rows.oauthProvider(me);
    }

    /** Throws {@code REQUIRED} unless the session proved itself recently. */
    public void require(AuthenticatedSession me) {
        if (!fresh(me)) throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, proof(me), null);
    }

    /**
     * Checks {@code proof} (the code for a user with a second factor, else the password) and, if right, starts a new
     * window for this session; returns its end. Throws {@code REQUIRED} when the needed part is missing (nothing is
     * counted), {@code WRONG} (counted), {@code LOCKED_OUT}, {@code UNREACHABLE} or {@code BUSY}.
     */
    public Instant reauthenticate(AuthenticatedSession me, Proof proof, HttpServletRequest request) {
        Reauthenticated.Method asked = proof(me);
        if (asked == Reauthenticated.Method.PROVIDER || asked == Reauthenticated.Method.PASSKEY) {
            // an OAuth domain's address never reaches the password bind (ADR 0045): its proof is made at the provider
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, asked, null);
        }
        boolean secondFactor = asked == Reauthenticated.Method.SECOND_FACTOR;
        Reauthenticated.Method method = secondFactor ? Reauthenticated.Method.SECOND_FACTOR : Reauthenticated.Method.PASSWORD;
        String code = proof.code();
        Secret password = proof.password();
        if (secondFactor ? code == null || code.isBlank() : password == null || password.length() == 0) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, secondFactor, null);
        }
        Sessions.Client client = TokenAuthenticationFilter.client(request);
        Supplier<Boolean> check = secondFactor
                ? () -> mfa.verify(me.userId(), me.address(), code, MfaFailed.Reason.REAUTHENTICATE)
                : () -> passwordIsRight(me, password);
        Outcome outcome = throttled(me, client, check);
        events.publishEvent(new Reauthenticated(me.userId(), me.address(), me.sessionId(), method, outcome.event(), client.address()));
        outcome.lockouts().forEach(events::publishEvent); // after the failure that started them
        if (outcome.event() == Reauthenticated.Outcome.LOCKED_OUT) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.LOCKED_OUT, secondFactor, outcome.until());
        }
        if (outcome.event() == Reauthenticated.Outcome.WRONG) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.WRONG, secondFactor, null);
        }
        return record(me);
    }

    /**
     * Checks a passkey assertion for a ceremony this session started on the confirmation page and, if right, starts a
     * new window exactly like a code or a password: the same throttle (a refused passkey counts as a wrong proof, G9),
     * the same {@link Reauthenticated} event (method {@code PASSKEY}); the passkeys feature audits the details.
     */
    public Instant reauthenticateWithPasskey(AuthenticatedSession me, String ceremonyId, String assertionJson,
                                             HttpServletRequest request) {
        Reauthenticated.Method asked = proof(me);
        PasskeyProofs proofs = passkeys.get();
        if (proofs == null || !passkey(me)) throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, asked, null);
        Sessions.Client client = TokenAuthenticationFilter.client(request);
        String[] refusal = new String[1];
        Outcome outcome = throttled(me, client, () -> {
            refusal[0] = proofs.verify(me, ceremonyId, assertionJson, client.address()).orElse(null);
            return refusal[0] == null;
        });
        events.publishEvent(new Reauthenticated(me.userId(), me.address(), me.sessionId(), Reauthenticated.Method.PASSKEY,
                outcome.event(), client.address()));
        outcome.lockouts().forEach(events::publishEvent);
        if (outcome.event() == Reauthenticated.Outcome.LOCKED_OUT) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.LOCKED_OUT, asked, outcome.until());
        }
        if (outcome.event() == Reauthenticated.Outcome.WRONG) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.WRONG, Reauthenticated.Method.PASSKEY,
                    null, refusal[0]);
        }
        return record(me);
    }

    /** Starts a new window for this session (the proof was right); returns its end. */
    private Instant record(AuthenticatedSession me) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rows.recordProof(me, now);
        return now.plus(window);
    }

    /**
     * A proof made at the OAuth provider the session signed in with (ADR 0047), after the callback verified the ID
     * token (signature, issuer, audience, expiry, nonce). It counts only for a session of that provider whose user has
     * no second factor, only if {@code auth_time} shows a new sign-in ({@link #freshAtProvider}), and only for the
     * session's own account: another account is a wrong
     * proof, counted by the sign-in throttle like a wrong password; a stale one is refused and audited, not counted
     * (it says nothing about who is at the keyboard). Then recorded exactly like a password proof.
     */
    ProviderOutcome reauthenticateAtProvider(AuthenticatedSession me, ProviderProof proof, HttpServletRequest request) {
        Optional<String> provider = oauthProvider(me);
        if (proof(me) != Reauthenticated.Method.PROVIDER || provider.isEmpty() || !provider.get().equals(proof.providerId())) {
            return ProviderOutcome.NOT_APPLICABLE;
        }
        Optional<OAuthSubject> signedInAs = rows.oauthSubject(me);
        // no account to compare with: the address alone is what nOAuth forges, so it is not enough (ADR 0047 amendment)
        if (signedInAs.isEmpty()) return ProviderOutcome.SIGN_IN_AGAIN;
        Sessions.Client client = TokenAuthenticationFilter.client(request);
        if (!freshAtProvider(proof, rows.signedInAt(me))) {
            publish(me, Reauthenticated.Outcome.STALE, client, proof.providerId());
            return ProviderOutcome.STALE;
        }
        // the same account at the provider (issuer and subject, which its administrator cannot edit) and still the
        // session's address; anything else is another account, counted like a wrong password
        Outcome outcome = throttled(me, client, () -> signedInAs.get().equals(proof.account())
                && me.address().equals(Users.normalize(proof.email())));
        publish(me, outcome.event(), client, proof.providerId());
        outcome.lockouts().forEach(events::publishEvent);
        return switch (outcome.event()) {
            case SUCCESS -> {
                record(me);
                yield ProviderOutcome.PROVEN;
            }
            case LOCKED_OUT -> ProviderOutcome.LOCKED_OUT;
            case WRONG, STALE -> ProviderOutcome.WRONG_ACCOUNT;
        };
    }

    /**
     * Whether {@code auth_time} is a sign-in made for this request: after the session's own sign-in (signing in does
     * not count, ADR 0026: a provider that ignored {@code prompt=login} hands back that one), not before the request
     * (give or take {@link #CLOCK_SKEW}), at most {@link #MAX_PROVIDER_AUTH_AGE} old, and not in the future.
     */
    boolean freshAtProvider(ProviderProof proof, @Nullable Instant sessionSignedInAt) {
        Instant at = proof.authTime();
        Instant now = clock.instant();
        return at != null && sessionSignedInAt != null && at.isAfter(sessionSignedInAt)
                && !at.isBefore(proof.requestedAt().minus(CLOCK_SKEW)) && !at.isBefore(now.minus(MAX_PROVIDER_AUTH_AGE))
                && !at.isAfter(now.plus(CLOCK_SKEW));
    }

    private void publish(AuthenticatedSession me, Reauthenticated.Outcome outcome, Sessions.Client client, String provider) {
        events.publishEvent(new Reauthenticated(me.userId(), me.address(), me.sessionId(), Reauthenticated.Method.PROVIDER,
                outcome, client.address(), provider));
    }

    /**
     * Runs a check of something the user typed into a sensitive form (the first code of a new authenticator) under
     * the sign-in throttle: refused without checking while the account or client must wait ({@code LOCKED_OUT}), and a
     * wrong answer counts as a sign-in failure. Returns the check's answer.
     */
    public boolean guarded(AuthenticatedSession me, HttpServletRequest request, Supplier<Boolean> check) {
        Outcome outcome = throttled(me, TokenAuthenticationFilter.client(request), check);
        outcome.lockouts().forEach(events::publishEvent);
        if (outcome.event() == Reauthenticated.Outcome.LOCKED_OUT) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.LOCKED_OUT, proof(me), outcome.until());
        }
        return outcome.event() == Reauthenticated.Outcome.SUCCESS;
    }

    private record Outcome(Reauthenticated.Outcome event, @Nullable Instant until, List<SignInLockoutStarted> lockouts) {
    }

    /**
     * The one place that asks and feeds the sign-in throttle for proofs inside a session: the attempt is reserved
     * before the check (so parallel guesses cannot pass a lockout, ADR 0025) and settled after it. A right proof only
     * releases the reservation; it does not clear the account's counter (a sign-in does that).
     */
    private Outcome throttled(AuthenticatedSession me, Sessions.Client client, Supplier<Boolean> check) {
        Optional<SignInThrottle.Attempt> reserved;
        try {
            reserved = throttle.reserve(me.address(), client.address());
        } catch (SignInException busy) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.BUSY, proof(me), null);
        }
        if (reserved.isEmpty()) {
            return new Outcome(Reauthenticated.Outcome.LOCKED_OUT, throttle.waitUntil(me.address(), client.address()), List.of());
        }
        try (SignInThrottle.Attempt attempt = reserved.get()) {
            if (Boolean.TRUE.equals(check.get())) return new Outcome(Reauthenticated.Outcome.SUCCESS, null, List.of());
            return new Outcome(Reauthenticated.Outcome.WRONG, null, attempt.failed());
        }
    }

    /** An IMAP bind with the session's own address, as sign-in does; an unreachable server counts as nothing. */
    private boolean passwordIsRight(AuthenticatedSession me, Secret password) {
        Optional<MailServers> servers = directory.forAddress(me.address());
        if (servers.isEmpty()) throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.UNREACHABLE, false, null);
        BindResult result;
        try {
            result = binds.bind(servers.get(), me.address(), password);
        } catch (SignInException busy) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.BUSY, false, null);
        }
        if (result == BindResult.UNREACHABLE) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.UNREACHABLE, false, null);
        }
        return result == BindResult.OK;
    }
}
