package org.vaultmail.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.auth.signin.BindGate;
import org.vaultmail.auth.signin.SignInException;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.auth.signin.SignInThrottle;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.vault.Secret;

/**
 * Sudo mode (ADR 0026): whether the user proved who they are inside this session within the last few minutes, and
 * the proof itself — the second factor if they have one, else the mailbox password checked by an IMAP bind through
 * the sign-in's {@link BindGate}. The time of the last proof is kept on the session row, so it covers that session
 * only and every node sees it. Wrong proofs, and wrong codes typed into a sensitive form ({@link #guarded}), count as
 * sign-in failures of the account and the client ({@link SignInThrottle}, G9): all throttle calls are in
 * {@link #throttled}. Signing in does not count as a recent proof: a session phished in the middle (a relaying proxy
 * that captured the password and the code) must not be able to turn the second factor off without another code.
 */
public final class RecentAuthentication {

    /** A proof as typed; either may be null. The password is the caller's to erase. */
    public record Proof(@Nullable Secret password, @Nullable String code) {
        @Override
        public String toString() {
            return "Proof[PROTECTED]";
        }
    }

    private final JdbcClient jdbc;
    private final UserMfa mfa;
    private final MailServerDirectory directory;
    private final BindGate binds;
    private final SignInThrottle throttle;
    private final Duration window;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecentAuthentication(JdbcClient jdbc, UserMfa mfa, MailServerDirectory directory, BindGate binds, SignInThrottle throttle,
                         Duration window, ApplicationEventPublisher events, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("vaultmail.auth.reauthentication-window must be positive, not " + window);
        }
        this.jdbc = jdbc;
        this.mfa = mfa;
        this.directory = directory;
        this.binds = binds;
        this.throttle = throttle;
        this.window = window;
        this.events = events;
        this.clock = clock;
    }

    /** How long a proof lasts ({@code vaultmail.auth.reauthentication-window}). */
    public Duration window() {
        return window;
    }

    /** Until when this session may do sensitive things without another proof; empty when it must prove again. */
    public Optional<Instant> freshUntil(AuthenticatedSession me) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT reauthenticated_at FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(me.sessionId(), me.userId())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .optional().flatMap(o -> o)
                .map(at -> at.toInstant().plus(window))
                .filter(until -> until.isAfter(now));
    }

    public boolean fresh(AuthenticatedSession me) {
        return freshUntil(me).isPresent();
    }

    /** Whether the proof must be a second-factor code (the user has one) rather than the mailbox password. */
    public boolean secondFactor(AuthenticatedSession me) {
        return mfa.enrolled(me.userId());
    }

    /** Throws {@code REQUIRED} unless the session proved itself recently. */
    public void require(AuthenticatedSession me) {
        if (!fresh(me)) throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, secondFactor(me), null);
    }

    /**
     * Checks {@code proof} (the code for a user with a second factor, else the password) and, if right, starts a new
     * window for this session; returns its end. Throws {@code REQUIRED} when the needed part is missing (nothing is
     * counted), {@code WRONG} (counted), {@code LOCKED_OUT}, {@code UNREACHABLE} or {@code BUSY}.
     */
    public Instant reauthenticate(AuthenticatedSession me, Proof proof, HttpServletRequest request) {
        boolean secondFactor = secondFactor(me);
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("UPDATE sessions SET reauthenticated_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(now.atOffset(ZoneOffset.UTC), me.sessionId(), me.userId()).update();
        return now.plus(window);
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
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.LOCKED_OUT, secondFactor(me), outcome.until());
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
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.BUSY, false, null);
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
