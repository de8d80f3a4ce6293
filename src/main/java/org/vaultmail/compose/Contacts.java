package org.vaultmail.compose;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Addresses a user has written to, for autocomplete (table {@code contacts}): every query is scoped to one
 * user id; most used and most recent first.
 */
@Repository
class Contacts {

    private final JdbcClient jdbc;
    private final Clock clock;

    Contacts(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A suggestion: display name (may be null) and address. */
    record Contact(@Nullable String name, String address) {
    }

    void record(long userId, List<InternetAddress> addresses) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (InternetAddress a : addresses) {
            String address = a.getAddress().toLowerCase(Locale.ROOT);
            String name = a.getPersonal() == null || a.getPersonal().isBlank() ? null : truncate(a.getPersonal().strip());
            int updated = jdbc.sql("UPDATE contacts SET uses = uses + 1, last_used = ?, name = COALESCE(?, name) WHERE user_id = ? AND address = ?")
                    .params(now, name, userId, address).update();
            if (updated > 0) continue;
            try {
                jdbc.sql("INSERT INTO contacts (user_id, address, name, uses, last_used) VALUES (?, ?, ?, 1, ?)")
                        .params(userId, address, name, now).update();
            } catch (DuplicateKeyException e) {
                // recorded by a concurrent send
            }
        }
    }

    /** Up to {@code limit} contacts whose address or name contains {@code query} (case-insensitive). */
    List<Contact> search(long userId, String query, int limit) {
        String q = "%" + query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("SELECT name, address FROM contacts WHERE user_id = ? AND (address LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\') "
                        + "ORDER BY uses DESC, last_used DESC, address LIMIT ?")
                .params(userId, q, q, limit).query((rs, n) -> new Contact(rs.getString(1), rs.getString(2))).list();
    }

    /** Keeps the {@code max} most used (then most recent) contacts of the user; cheap when under the limit. */
    void trim(long userId, int max) {
        Integer count = jdbc.sql("SELECT COUNT(*) FROM contacts WHERE user_id = ?").param(userId).query(Integer.class).single();
        if (count == null || count <= max) return;
        List<String> drop = jdbc.sql("SELECT address FROM contacts WHERE user_id = ? ORDER BY uses ASC, last_used ASC, address LIMIT ?")
                .params(userId, count - max).query(String.class).list();
        for (String address : drop) jdbc.sql("DELETE FROM contacts WHERE user_id = ? AND address = ?").params(userId, address).update();
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
