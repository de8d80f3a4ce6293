package org.vaultmail.reading;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vaultmail.i18n.InputRefused;

/** Per user, the senders whose remote content loads without asking ("always show images from this sender"). */
@Repository
class RemoteContentSenders {

    private final JdbcClient jdbc;
    private final Clock clock;

    RemoteContentSenders(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    boolean isTrusted(long userId, String sender) {
        if (sender.isBlank()) return false;
        return jdbc.sql("SELECT COUNT(*) FROM remote_content_senders WHERE user_id = ? AND sender = ?")
                .params(userId, normalise(sender)).query(Long.class).single() > 0;
    }

    /** Adds the sender; false when it was already trusted. */
    boolean trust(long userId, String sender) {
        String address = normalise(sender);
        if (address.isEmpty() || address.length() > 320 || address.indexOf('@') < 1) {
            throw InputRefused.of("input.reading.senderAddress", sender);
        }
        try {
            jdbc.sql("INSERT INTO remote_content_senders (user_id, sender, created_at) VALUES (?, ?, ?)")
                    .params(userId, address, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // already trusted
        }
    }

    /** Removes the sender; false when it was not trusted. */
    boolean distrust(long userId, String sender) {
        return jdbc.sql("DELETE FROM remote_content_senders WHERE user_id = ? AND sender = ?").params(userId, normalise(sender)).update() > 0;
    }

    List<String> list(long userId) {
        return jdbc.sql("SELECT sender FROM remote_content_senders WHERE user_id = ? ORDER BY sender").param(userId)
                .query(String.class).list();
    }

    static String normalise(String sender) {
        return sender.strip().toLowerCase(Locale.ROOT);
    }
}
