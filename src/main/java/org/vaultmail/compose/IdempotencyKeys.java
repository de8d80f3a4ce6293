package org.vaultmail.compose;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.vaultmail.i18n.UserText;

/**
 * {@code Idempotency-Key}s of sends, per user (ADR 0017). A key is claimed before sending (the primary key makes
 * two concurrent claims impossible, across nodes too), marked sent with its Message-ID after, and released when
 * the send failed, so the client may retry with the same key. A key left PENDING longer than
 * {@code vaultmail.compose.pending-key-expiry} (a node crashed while sending) may be claimed again, so a retry can send.
 */
@Repository
class IdempotencyKeys {

    static final int MAX_LENGTH = 200;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration pendingExpiry;

    @Autowired
    IdempotencyKeys(JdbcClient jdbc, ObjectProvider<Clock> clock, ComposeProperties properties) {
        this(jdbc, clock.getIfAvailable(Clock::systemUTC), properties.pendingKeyExpiry());
    }

    IdempotencyKeys(JdbcClient jdbc, Clock clock, Duration pendingExpiry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pendingExpiry = pendingExpiry;
    }

    /** What a claim found. */
    sealed interface Claim {
        /** The key is ours now: send. */
        record Claimed() implements Claim { }
        /** Already sent with this Message-ID: do not send again. */
        record AlreadySent(String messageId) implements Claim { }
        /** Another request with this key is sending right now. */
        record InProgress() implements Claim { }
    }

    static void check(String key) {
        if (key.isBlank() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ComposeException("Idempotency-Key", UserText.of("problem.compose.idempotencyKey"));
        }
    }

    Claim claim(long userId, String key) {
        check(key);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO send_idempotency_keys (user_id, idem_key, state, created_at) VALUES (?, ?, 'PENDING', ?)")
                    .params(userId, key, now).update();
            return new Claim.Claimed();
        } catch (DuplicateKeyException e) {
            // a stale PENDING claim (its sender crashed) is taken over; the conditional UPDATE lets one retry win
            int taken = jdbc.sql("UPDATE send_idempotency_keys SET created_at = ? WHERE user_id = ? AND idem_key = ? AND state = 'PENDING' AND created_at < ?")
                    .params(now, userId, key, now.minus(pendingExpiry)).update();
            if (taken == 1) return new Claim.Claimed();
            Optional<String> sent = jdbc.sql("SELECT message_id FROM send_idempotency_keys WHERE user_id = ? AND idem_key = ? AND state = 'SENT'")
                    .params(userId, key).query(String.class).optional();
            return sent.<Claim>map(Claim.AlreadySent::new).orElseGet(Claim.InProgress::new);
        }
    }

    void sent(long userId, String key, String messageId) {
        jdbc.sql("UPDATE send_idempotency_keys SET state = 'SENT', message_id = ? WHERE user_id = ? AND idem_key = ?")
                .params(messageId, userId, key).update();
    }

    void release(long userId, String key) {
        jdbc.sql("DELETE FROM send_idempotency_keys WHERE user_id = ? AND idem_key = ? AND state = 'PENDING'").params(userId, key).update();
    }
}
