package org.vaultmail.gateway.mailboxes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.vault.Sealed;

/**
 * The {@code connected_mailboxes} table (V36). Every state change is one conditional UPDATE, so two nodes (or a
 * worker and the owner) that race change it once. Never reads the ciphertext except in {@link #credentials}.
 */
final class MailboxRows {

    private static final String COLUMNS = "id, user_id, address, kind, state, created_at, credentials_set_at, state_changed_at, disabled_by";

    /** A mailbox as the settings page lists it. */
    record Listed(ConnectedMailbox mailbox, Instant connectedSince, Instant credentialsSetAt, Instant stateChangedAt,
                  @Nullable String disabledBy) {
        private static final java.time.format.DateTimeFormatter SHOWN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        /** For the page: minutes, UTC. */
        public String connectedSinceShown() {
            return SHOWN.format(connectedSince);
        }
    }

    /** The sealed credentials of one mailbox, with what binds them (id, owner) and what decides their use (state). */
    record SealedCredentials(ConnectedMailbox mailbox, byte[] ciphertext) {
    }

    private final JdbcClient jdbc;

    MailboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new row without credentials yet (they are sealed to its id next, in the same transaction). */
    long insert(long userId, String address, ConnectedMailbox.Kind kind, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO connected_mailboxes (user_id, address, kind, state, created_at, credentials_set_at, state_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, address, kind.label(), MailboxState.CONNECTED.label(), at(now), at(now), at(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** A new OAuth mailbox holding its grant's id (no sealed password: the grant's tokens are sealed by the oauth module). */
    long insertOAuth(long userId, String address, ConnectedMailbox.Kind kind, long grantId, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO connected_mailboxes (user_id, address, kind, state, created_at, credentials_set_at, state_changed_at,
                                                 oauth_grant_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, address, kind.label(), MailboxState.CONNECTED.label(), at(now), at(now), at(now), grantId)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The OAuth grant an OAuth mailbox holds; empty for password mailboxes and when the grant is gone. */
    Optional<Long> grantId(long id) {
        return jdbc.sql("SELECT oauth_grant_id FROM connected_mailboxes WHERE id = ? AND oauth_grant_id IS NOT NULL")
                .param(id).query(Long.class).optional();
    }

    void attachGrant(long id, long grantId) {
        jdbc.sql("UPDATE connected_mailboxes SET oauth_grant_id = ? WHERE id = ?").params(grantId, id).update();
    }

    /** The owner connected the account again: its grant's tokens were replaced (same grant id). */
    void grantReplaced(long id, Instant now) {
        jdbc.sql("UPDATE connected_mailboxes SET credentials_set_at = ? WHERE id = ?").params(at(now), id).update();
    }

    void storeCredentials(long id, Sealed sealed, Instant now) {
        jdbc.sql("UPDATE connected_mailboxes SET credentials = ?, credentials_key_id = ?, credentials_set_at = ? WHERE id = ?")
                .params(sealed.ciphertext(), sealed.keyId(), at(now), id).update();
    }

    /** {@code needs_reauth → connected} (or stays connected); false when it is disabled or gone. */
    boolean reconnect(long id, Instant now) {
        return jdbc.sql("""
                UPDATE connected_mailboxes SET state = 'connected', state_changed_at = ?
                WHERE id = ? AND state = 'needs_reauth'""").params(at(now), id).update() == 1;
    }

    /** {@code connected → needs_reauth}; true only for the call that changed it. */
    boolean needsReauth(long id, Instant now) {
        return jdbc.sql("""
                UPDATE connected_mailboxes SET state = 'needs_reauth', state_changed_at = ?
                WHERE id = ? AND state = 'connected'""").params(at(now), id).update() == 1;
    }

    /** {@code connected|needs_reauth → disabled}; true when it changed. */
    boolean disable(long id, String operator, Instant now) {
        return jdbc.sql("""
                UPDATE connected_mailboxes SET state = 'disabled', disabled_by = ?, state_changed_at = ?
                WHERE id = ? AND state <> 'disabled'""").params(operator, at(now), id).update() == 1;
    }

    /**
     * {@code disabled → connected}: the credentials are as they were; if they stopped working meanwhile, the next
     * send finds out and moves it to {@code needs_reauth}.
     */
    boolean enable(long id, Instant now) {
        return jdbc.sql("""
                UPDATE connected_mailboxes SET state = 'connected', disabled_by = NULL, state_changed_at = ?
                WHERE id = ? AND state = 'disabled'""").params(at(now), id).update() == 1;
    }

    boolean delete(long id, long userId) {
        return jdbc.sql("DELETE FROM connected_mailboxes WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE connected_mailboxes SET last_used_at = ? WHERE id = ?").params(at(now), id).update();
    }

    Optional<Listed> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connected_mailboxes WHERE id = ?").param(id)
                .query((rs, n) -> listed(rs)).optional();
    }

    Optional<Listed> byAddress(long userId, String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connected_mailboxes WHERE user_id = ? AND LOWER(address) = LOWER(?)")
                .params(userId, address).query((rs, n) -> listed(rs)).optional();
    }

    List<Listed> ofUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM connected_mailboxes WHERE user_id = ? ORDER BY id").param(userId)
                .query((rs, n) -> listed(rs)).list();
    }

    int countOf(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM connected_mailboxes WHERE user_id = ?").param(userId).query(Integer.class).single();
    }

    Optional<SealedCredentials> credentials(long id) {
        return jdbc.sql("SELECT " + COLUMNS + ", credentials FROM connected_mailboxes WHERE id = ? AND credentials IS NOT NULL")
                .param(id)
                .query((rs, n) -> new SealedCredentials(listed(rs).mailbox(), rs.getBytes("credentials"))).optional();
    }

    /** The owner's sign-in address (the notification goes there, not to a shared mailbox). */
    Optional<String> ownerAddress(long userId) {
        return jdbc.sql("SELECT address FROM users WHERE id = ?").param(userId).query(String.class).optional();
    }

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        ConnectedMailbox m = new ConnectedMailbox(rs.getLong("id"), rs.getLong("user_id"), rs.getString("address"),
                ConnectedMailbox.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                MailboxState.of(rs.getString("state")));
        return new Listed(m, instant(rs, "created_at"), instant(rs, "credentials_set_at"), instant(rs, "state_changed_at"),
                rs.getString("disabled_by"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
