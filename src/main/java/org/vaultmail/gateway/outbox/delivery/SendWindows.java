package org.vaultmail.gateway.outbox.delivery;

import static org.vaultmail.gateway.outbox.delivery.DeliveryRows.at;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-mailbox send limits (per UTC minute and per UTC day) as one counter row per mailbox in the database, so that
 * they hold across nodes: a slot is taken with one conditional UPDATE in the claiming transaction (a rolled back
 * claim gives its slot back). An attempt that fails before DATA still used its slot: the limit counts what the
 * mail server saw, conservatively.
 */
class SendWindows {

    private final JdbcClient jdbc;

    SendWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the mailbox's counter row if missing; its own transaction (a duplicate would abort a PostgreSQL one). */
    void ensure(long mailboxId) {
        if (jdbc.sql("SELECT COUNT(*) FROM outbox_send_windows WHERE mailbox_id = ?").param(mailboxId)
                .query(Long.class).single() > 0) return;
        try {
            Instant epoch = Instant.EPOCH;
            jdbc.sql("INSERT INTO outbox_send_windows (mailbox_id, minute_start, minute_count, day_start, day_count) VALUES (?, ?, 0, ?, 0)")
                    .params(mailboxId, at(epoch), at(epoch)).update();
        } catch (DuplicateKeyException raced) {
            // another node created it first
        }
    }

    /**
     * Takes one slot for {@code mailboxId} (its row exists: {@link #ensure}); null when taken, else the instant the
     * next window opens (the mailbox is over its limit until then).
     */
    @Nullable Instant take(long mailboxId, int perMinute, int perDay, Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        if (perMinute <= 0) return minute.plus(1, ChronoUnit.MINUTES);
        if (perDay <= 0) return day.plus(1, ChronoUnit.DAYS);
        int taken = jdbc.sql("""
                UPDATE outbox_send_windows SET
                       minute_count = CASE WHEN minute_start = ? THEN minute_count + 1 ELSE 1 END, minute_start = ?,
                       day_count = CASE WHEN day_start = ? THEN day_count + 1 ELSE 1 END, day_start = ?
                 WHERE mailbox_id = ? AND (minute_start <> ? OR minute_count < ?) AND (day_start <> ? OR day_count < ?)""")
                .params(at(minute), at(minute), at(day), at(day), mailboxId, at(minute), perMinute, at(day), perDay)
                .update();
        if (taken == 1) return null;
        boolean dayFull = jdbc.sql("SELECT COUNT(*) FROM outbox_send_windows WHERE mailbox_id = ? AND day_start = ? AND day_count >= ?")
                .params(mailboxId, at(day), perDay).query(Long.class).single() > 0;
        return dayFull ? day.plus(1, ChronoUnit.DAYS) : minute.plus(1, ChronoUnit.MINUTES);
    }
}
