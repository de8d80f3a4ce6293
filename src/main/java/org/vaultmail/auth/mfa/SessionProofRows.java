package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.session.OAuthSubject;

/**
 * The columns of a session's row that sudo mode reads and writes ({@link RecentAuthentication}): when it last proved
 * itself ({@code reauthenticated_at}, only on a row not revoked), when it signed in, and the OAuth provider and account
 * it signed in with (V52). Every statement names both the session and its user.
 */
final class SessionProofRows {

    private final JdbcClient jdbc;

    SessionProofRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> lastProof(AuthenticatedSession me) {
        return jdbc.sql("SELECT reauthenticated_at FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(me.sessionId(), me.userId())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .optional().flatMap(o -> o)
                .map(OffsetDateTime::toInstant);
    }

    void recordProof(AuthenticatedSession me, Instant at) {
        jdbc.sql("UPDATE sessions SET reauthenticated_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(at.atOffset(ZoneOffset.UTC), me.sessionId(), me.userId()).update();
    }

    @Nullable Instant signedInAt(AuthenticatedSession me) {
        return jdbc.sql("SELECT created_at FROM sessions WHERE id = ? AND user_id = ?").params(me.sessionId(), me.userId())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional().orElse(null);
    }

    /** The provider's account this session signed in as ({@code sessions.oauth_issuer}/{@code oauth_subject}). */
    Optional<OAuthSubject> oauthSubject(AuthenticatedSession me) {
        return jdbc.sql("SELECT oauth_issuer, oauth_subject FROM sessions WHERE id = ? AND user_id = ?")
                .params(me.sessionId(), me.userId())
                .query((rs, n) -> rs.getString(1) == null || rs.getString(2) == null ? Optional.<OAuthSubject>empty()
                        : Optional.of(new OAuthSubject(rs.getString(1), rs.getString(2))))
                .optional().flatMap(o -> o);
    }

    /** The OAuth provider this session signed in with ({@code sessions.oauth_provider}), if any. */
    Optional<String> oauthProvider(AuthenticatedSession me) {
        return jdbc.sql("SELECT oauth_provider FROM sessions WHERE id = ? AND user_id = ?")
                .params(me.sessionId(), me.userId())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }
}
