package org.vaultmail.auth.session;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;

/** The {@code users} table: a row appears on a user's first successful sign-in. */
@NamedInterface("session")
public final class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Case-folded with {@link Locale#ROOT}, trimmed. */
    public static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /** Records a successful sign-in of {@code address} (already normalized); returns the user id. */
    long signedIn(String address, Instant now) {
        Optional<Long> id = find(address);
        if (id.isEmpty()) {
            try {
                jdbc.sql("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)")
                        .params(address, SessionStore.utc(now), SessionStore.utc(now)).update();
            } catch (DuplicateKeyException e) {
                // a concurrent first sign-in created it
            }
            id = find(address);
        }
        long userId = id.orElseThrow();
        jdbc.sql("UPDATE users SET last_sign_in_at = ? WHERE id = ?").params(SessionStore.utc(now), userId).update();
        return userId;
    }

    /**
     * The id of {@code address} (already normalized); when it never signed in, its row is created exactly as on a first
     * sign-in. Only for a trusted in-process caller that knows the address's password is right (the demo's start-up,
     * for its own accounts on its own mail server); an existing row is left as it is.
     */
    public long idOrFirstSignIn(String address, Instant now) {
        return find(address).orElseGet(() -> signedIn(address, now));
    }

    /** The id of {@code address} (already normalized), if it ever signed in. */
    public Optional<Long> idOf(String address) {
        return find(address);
    }

    private Optional<Long> find(String address) {
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).optional();
    }
}
