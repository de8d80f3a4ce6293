package org.vaultmail.compose;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code Idempotency-Key}s of sends, per user (ADR 0017). A key is claimed before sending (the primary key makes
 * two concurrent claims impossible, across nodes too), marked sent with its Message-ID after, and released when
 * the send failed, so the client may retry with the same key.
 */
@Repository
class IdempotencyKeys {

    static final int MAX_LENGTH = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
            throw new ComposeException("Idempotency-Key", "Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
    }

    Claim claim(long userId, String key) {
        check(key);
        try {
            jdbc.sql("INSERT INTO send_idempotency_keys (user_id, idem_key, state, created_at) VALUES (?, ?, 'PENDING', ?)")
                    .params(userId, key, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
            return new Claim.Claimed();
        } catch (DuplicateKeyException e) {
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
