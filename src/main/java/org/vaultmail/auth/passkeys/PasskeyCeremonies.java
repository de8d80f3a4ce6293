package org.vaultmail.auth.passkeys;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.auth.session.Randoms;

/**
 * The challenges of ceremonies in progress: each is bound to its purpose, to who asked (a session, or a pending
 * sign-in) and to the account, lives {@link #LIFETIME}, and is taken exactly once (a conditional DELETE), so a
 * challenge can neither be replayed nor finished by another session. In the database, so any node can finish it.
 */
final class PasskeyCeremonies {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** {@code ENABLE}: turning on sign-in with one passkey; {@code UNLOCK}: a discoverable passkey-only sign-in; {@code RESEAL}: its password-changed step (ADR 0051). */
    enum Purpose { REGISTER, SIGN_IN, REAUTHENTICATE, ENABLE, UNLOCK, RESEAL }

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyCeremonies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a new challenge; returns the ceremony id the browser sends back. */
    String start(Purpose purpose, String owner, String address, byte[] challenge) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("DELETE FROM passkey_ceremonies WHERE expires_at < ?").param(now).update();
        String id = Randoms.sessionId();
        jdbc.sql("INSERT INTO passkey_ceremonies (id, purpose, owner, address, challenge, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, purpose.name(), owner, address, challenge, now.plus(LIFETIME)).update();
        return id;
    }

    /** The challenge of ceremony {@code id} if it is this purpose's, this owner's and this account's and not expired; used up. */
    Optional<byte[]> take(String id, Purpose purpose, String owner, String address) {
        Optional<byte[]> challenge = jdbc.sql("""
                        SELECT challenge FROM passkey_ceremonies
                        WHERE id = ? AND purpose = ? AND owner = ? AND address = ? AND expires_at > ?""")
                .params(id, purpose.name(), owner, address, clock.instant().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> rs.getBytes(1)).optional();
        if (challenge.isEmpty()) return Optional.empty();
        // single use: of two requests racing with the same ceremony, only the one that deletes the row goes on
        return jdbc.sql("DELETE FROM passkey_ceremonies WHERE id = ?").param(id).update() == 1 ? challenge : Optional.empty();
    }
}
