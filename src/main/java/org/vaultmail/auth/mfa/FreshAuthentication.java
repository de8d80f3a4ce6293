package org.vaultmail.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.auth.AuthenticatedSession;

/**
 * Whether a session is freshly authenticated for creating a credential (an API key, issue 13): signed in (the session
 * row is written when the whole sign-in, second step included, is done) <em>or</em> re-authenticated within the
 * sudo window ({@code vaultmail.auth.reauthentication-window}, default 5 minutes). Unlike {@link RecentAuthentication},
 * which guards changing the second factor and deliberately does not count signing in (ADR 0026): a new API key is
 * shown once and revocable, and the issue asks that a fresh sign-in counts. Refusals are the sudo mode's own
 * {@link RecentAuthenticationException} ({@code REQUIRED}), so clients re-authenticate at the same endpoint.
 */
@NamedInterface("mfa")
public final class FreshAuthentication {

    private final JdbcClient jdbc;
    private final UserMfa mfa;
    private final RecentAuthentication recent;
    private final Duration window;
    private final Clock clock;

    FreshAuthentication(JdbcClient jdbc, UserMfa mfa, RecentAuthentication recent, Clock clock) {
        this.jdbc = jdbc;
        this.mfa = mfa;
        this.recent = recent;
        this.window = recent.window();
        this.clock = clock;
    }

    /** Whether the user has a second factor: an authenticator app or a passkey. */
    public boolean secondFactor(AuthenticatedSession me) {
        return mfa.enrolled(me.userId()) || recent.passkey(me);
    }

    /** Whether this session signed in or proved itself again within the window. */
    public boolean fresh(AuthenticatedSession me) {
        Instant since = clock.instant().minus(window);
        return jdbc.sql("SELECT created_at, reauthenticated_at FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(me.sessionId(), me.userId())
                .query((rs, n) -> latest(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)))
                .optional()
                .filter(at -> at.isAfter(since))
                .isPresent();
    }

    /** Throws the sudo mode's {@code REQUIRED} refusal unless {@link #fresh}. */
    public void require(AuthenticatedSession me) {
        if (!fresh(me)) {
            throw new RecentAuthenticationException(RecentAuthenticationException.Outcome.REQUIRED, recent.proof(me), null);
        }
    }

    private static Instant latest(OffsetDateTime signedIn, @Nullable OffsetDateTime reauthenticated) {
        Instant a = signedIn.toInstant();
        return Optional.ofNullable(reauthenticated).map(OffsetDateTime::toInstant).filter(b -> b.isAfter(a)).orElse(a);
    }
}
