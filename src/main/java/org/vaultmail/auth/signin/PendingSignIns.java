package org.vaultmail.auth.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.passkeys.PasskeyException;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.session.CredentialPayload;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.Randoms;
import org.vaultmail.auth.session.SessionStore;
import org.vaultmail.auth.session.OAuthSubject;
import org.vaultmail.auth.session.SessionOAuthTokens;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * A browser sign-in between the right password (or a finished OAuth sign-in, ADR 0045: its tokens in place of the
 * password) and the second factor (ADR 0006). The password is
 * sealed twice like a session's (inside under a key from a secret only the {@code __Host-} cookie
 * holds), lives five minutes and survives {@link #MAX_FAILURES} wrong codes; the page never sees it again.
 * Each code is also a sign-in attempt of the account and the client ({@link SignInThrottle}): a wrong one is counted
 * like a wrong password, and during a wait no code is checked, so typing the password again gives no fresh tries.
 */
final class PendingSignIns {

    static final SealedColumn COLUMN = new SealedColumn("pending_sign_ins", "id", "credentials", "credentials_key_id",
            "user_id", Purpose.SESSION);
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_FAILURES = 5;

    /** The outcome of a code: a session, a wrong code (try again), or nothing pending any more (start over). */
    sealed interface Outcome {
        record SignedIn(Issued issued) implements Outcome {
        }

        record WrongCode() implements Outcome {
        }

        /** A passkey was refused (ADR 0048); {@code message} tells the user why. Counted like a wrong code. */
        record Refused(String message) implements Outcome {
        }

        record Gone() implements Outcome {
        }
    }

    private record Row(String id, long userId, String address, boolean remember, byte[] credentials, int failures,
                       Instant expiresAt, @Nullable String oauthProvider, @Nullable OAuthSubject subject) {
    }

    private final JdbcClient jdbc;
    private final CredentialSeal seal;
    private final Sessions sessions;
    private final UserMfa mfa;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Passkeys passkeys;

    PendingSignIns(JdbcClient jdbc, CredentialSeal seal, Sessions sessions, UserMfa mfa, Passkeys passkeys, SignInThrottle throttle,
                   ApplicationEventPublisher events, Clock clock) {
        this.passkeys = passkeys;
        this.jdbc = jdbc;
        this.seal = seal;
        this.sessions = sessions;
        this.mfa = mfa;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /** Parks a verified password; returns the cookie value ({@code id.secret}). */
    String create(long userId, String address, Secret password, boolean remember) {
        return create(userId, address, password, remember, null, null);
    }

    /**
     * Parks the tokens of a finished OAuth sign-in (ADR 0045), sealed like a password, and the provider's account
     * (ADR 0047 amendment); returns the cookie value.
     */
    String createOAuth(long userId, String address, SessionOAuthTokens tokens, OAuthSubject subject, boolean remember) {
        try (Secret payload = CredentialPayload.encode(tokens)) {
            return create(userId, address, payload, remember, tokens.providerId(), subject);
        }
    }

    private String create(long userId, String address, Secret password, boolean remember, @Nullable String oauthProvider,
                          @Nullable OAuthSubject subject) {
        Instant now = clock.instant();
        purge();
        String id = Randoms.sessionId();
        byte[] secret = Randoms.bytes(CredentialSeal.UNSEAL_SECRET_BYTES);
        var sealed = seal.seal(id, userId, secret, password);
        jdbc.sql("""
                INSERT INTO pending_sign_ins (id, user_id, address, remember, credentials, credentials_key_id, failures,
                    expires_at, oauth_provider, oauth_issuer, oauth_subject)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")
                .params(id, userId, address, remember, sealed.ciphertext(), sealed.keyId(), SessionStore.utc(now.plus(LIFETIME)),
                        oauthProvider, subject == null ? null : subject.issuer(), subject == null ? null : subject.subject())
                .update();
        return id + "." + Randoms.text(secret);
    }

    /** The account of a live pending sign-in named by {@code cookie} (its secret checked), for the second step's page. */
    Optional<Pending> peek(@Nullable String cookie) {
        return open(cookie).map(o -> {
            o.password().close(); // only the secret's check was wanted: erase the password at once
            return new Pending(o.row().id(), o.row().userId(), o.row().address());
        });
    }

    /** Who is signing in: the pending sign-in's id (the passkey ceremony's owner), the user and the address. */
    record Pending(String id, long userId, String address) {
        String owner() {
            return "pending:" + id;
        }
    }

    /** Checks {@code code} for the pending sign-in named by {@code cookie}; a session on success. */
    Outcome complete(@Nullable String cookie, String code, Sessions.Client client) {
        return complete(cookie, client, row -> mfa.verify(row.userId(), row.address(), code, MfaFailed.Reason.SIGN_IN)
                ? null : new Outcome.WrongCode());
    }

    /** Checks a passkey's assertion (ADR 0048) for the pending sign-in named by {@code cookie}; a session on success. */
    Outcome completeWithPasskey(@Nullable String cookie, String ceremony, String assertion, Sessions.Client client) {
        return complete(cookie, client, row -> {
            try {
                passkeys.verifySignIn("pending:" + row.id(), row.userId(), row.address(), ceremony, assertion, client.address());
                return null;
            } catch (PasskeyException e) {
                return new Outcome.Refused(e.userMessage());
            }
        });
    }

    private record Opened(Row row, Secret password) {
        @Override
        public String toString() {
            return "Opened[PROTECTED]";
        }
    }

    private Optional<Opened> open(@Nullable String cookie) {
        String[] parts = cookie == null ? new String[0] : cookie.split("\\.", -1);
        byte[] secret = parts.length == 2 ? Randoms.parse(parts[1], CredentialSeal.UNSEAL_SECRET_BYTES) : null;
        if (secret == null) return Optional.empty();
        Optional<Row> found = find(parts[0]).filter(r -> r.expiresAt().isAfter(clock.instant()));
        if (found.isEmpty()) return Optional.empty();
        Row row = found.get();
        try {
            return Optional.of(new Opened(row, seal.open(row.id(), row.userId(), secret, row.credentials())));
        } catch (VaultException e) {
            return Optional.empty();
        }
    }

    /**
     * The second step, whatever the factor: {@code check} answers null when it passed, else the outcome to show
     * (counted as a failure of the account and the client, and of this pending sign-in).
     */
    private Outcome complete(@Nullable String cookie, Sessions.Client client, java.util.function.Function<Row, @Nullable Outcome> check) {
        Optional<Opened> opened = open(cookie);
        if (opened.isEmpty()) return new Outcome.Gone();
        Row row = opened.get().row();
        try (Secret password = opened.get().password()) {
            Optional<SignInThrottle.Attempt> reserved = throttle.reserve(row.address(), client.address());
            if (reserved.isEmpty()) { // the account or the client must wait: nothing is checked, start over after it
                events.publishEvent(new SignInFailed(row.address(), SignInFailed.Reason.LOCKED_OUT, client.address(),
                        client.userAgent()));
                jdbc.sql("DELETE FROM pending_sign_ins WHERE id = ?").param(row.id()).update();
                return new Outcome.Gone();
            }
            try (SignInThrottle.Attempt attempt = reserved.get()) {
                Outcome refused = check.apply(row);
                if (refused != null) {
                    attempt.failed().forEach(events::publishEvent); // after the MfaFailed or PasskeyEvent the check published
                    Outcome counted = failed(row);
                    return counted instanceof Outcome.Gone ? counted : refused;
                }
                if (jdbc.sql("DELETE FROM pending_sign_ins WHERE id = ?").param(row.id()).update() != 1) return new Outcome.Gone();
                attempt.succeeded();
            }
            if (row.oauthProvider() == null) {
                return new Outcome.SignedIn(sessions.open(row.address(), password, row.remember(), false, client));
            }
            try (CredentialPayload payload = CredentialPayload.decode(password)) {
                SessionOAuthTokens tokens = payload.oauth();
                if (tokens == null) return new Outcome.Gone();
                return new Outcome.SignedIn(sessions.openOAuth(row.address(), tokens, row.subject(), row.remember(), client));
            }
        }
    }

    /** Forgets a pending sign-in (the user went back to the password step). */
    void cancel(@Nullable String cookie) {
        if (cookie != null) jdbc.sql("DELETE FROM pending_sign_ins WHERE id = ?").param(cookie.split("\\.", -1)[0]).update();
    }

    /** Deletes expired pending sign-ins; the number deleted. */
    int purge() {
        return jdbc.sql("DELETE FROM pending_sign_ins WHERE expires_at < ?").param(SessionStore.utc(clock.instant())).update();
    }

    /** Counts a wrong code atomically (concurrent guesses cannot exceed the limit); the last one drops the row. */
    private Outcome failed(Row row) {
        int counted = jdbc.sql("UPDATE pending_sign_ins SET failures = failures + 1 WHERE id = ? AND failures < ?")
                .params(row.id(), MAX_FAILURES - 1).update();
        if (counted == 1) return new Outcome.WrongCode();
        jdbc.sql("DELETE FROM pending_sign_ins WHERE id = ?").param(row.id()).update();
        return new Outcome.Gone();
    }

    private Optional<Row> find(String id) {
        return jdbc.sql("SELECT id, user_id, address, remember, credentials, failures, expires_at, oauth_provider,"
                        + " oauth_issuer, oauth_subject FROM pending_sign_ins WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getLong("user_id"), rs.getString("address"),
                        rs.getBoolean("remember"), rs.getBytes("credentials"), rs.getInt("failures"),
                        rs.getObject("expires_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("oauth_provider"),
                        rs.getString("oauth_issuer") == null || rs.getString("oauth_subject") == null ? null
                                : new OAuthSubject(rs.getString("oauth_issuer"), rs.getString("oauth_subject"))))
                .optional();
    }
}
