package org.vaultmail.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.vaultmail.auth.SessionRevoked;

/**
 * What the operator console may do with users' sessions: list every active one and revoke any.
 * Revocation is the same as the user's own (the row is marked, every node refuses it on the next
 * request, pooled connections close) and is published as {@link SessionRevoked} {@code BY_OPERATOR}.
 */
@NamedInterface("session")
public final class SessionAdministration {

    /**
     * One active session, as the console shows it (no secret: ids, address, device, times, how it signed in).
     *
     * @param oauthProvider the OAuth provider's id for a session that signed in with one, else null
     * @param signInMethod  how it signed in, null for a session from before V58
     */
    public record ActiveSession(String id, long userId, String address, @Nullable String userAgent,
                                @Nullable String clientAddress, Instant createdAt, Instant lastSeenAt,
                                @Nullable String oauthProvider, @Nullable SignInMethod signInMethod) {

        /** The message key of the sign-in method, for a session no OAuth provider names. */
        public String methodKey() {
            return SignInMethod.messageKey(signInMethod);
        }
    }

    private final SessionStore store;
    private final Sessions sessions;
    private final Clock clock;

    SessionAdministration(SessionStore store, Sessions sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    public List<ActiveSession> active(int limit) {
        return sessions.allActive(limit).stream()
                .map(r -> new ActiveSession(r.id(), r.userId(), r.address(), r.userAgent(), r.clientAddress(), r.createdAt(),
                        r.lastSeenAt(), r.oauthProvider(), r.signInMethod()))
                .toList();
    }

    /** Ends the session; false when it is not (or no longer) active. */
    public boolean revoke(String sessionId) {
        Optional<SessionStore.Row> row = store.find(sessionId);
        return row.isPresent() && sessions.revoke(row.get().userId(), sessionId, SessionRevoked.Reason.BY_OPERATOR);
    }
}
