package org.vaultmail.gateway.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.mailboxes.OperatorMailboxes;

/**
 * What an operator may do to a user's use of the gateway (issue 13 item 7, ADR 0040): switch their API access off and
 * on, disable and re-enable one connected mailbox, revoke one API key. Plain SQL on the gateway's tables (V36, V37):
 * every request reads these rows, so a change applies at once on every node. Each call publishes one
 * {@link GatewayEvent} by the operator in the transaction of its change (also when nothing had to change, or the row is
 * gone: {@code unchanged}, {@code not_found}), never with a digest or credential in it.
 */
@Component
@NamedInterface("console")
public class GatewayOperatorActions {

    /** What a call did. */
    public enum Outcome {
        DONE, UNCHANGED, NOT_FOUND;

        String audited() {
            return this == DONE ? "success" : name().toLowerCase(Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OperatorMailboxes mailboxes;

    GatewayOperatorActions(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
                           ObjectProvider<Clock> clock, OperatorMailboxes mailboxes) {
        this.mailboxes = mailboxes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The user with this sign-in address (case-insensitive). */
    public Optional<Long> userIdOf(String address) {
        return jdbc.sql("SELECT id FROM users WHERE LOWER(address) = ?").param(address.strip().toLowerCase(Locale.ROOT))
                .query(Long.class).optional();
    }

    /** Refuses all of the user's keys and sends nothing of theirs until enabled again. */
    public Outcome disableApiAccess(long userId, String operator, @Nullable String clientAddress) {
        try {
            return switchAccessOff(userId, operator, clientAddress);
        } catch (DuplicateKeyException raced) {
            // another operator (or a double click) switched it off between our check and insert: now it is unchanged
            return switchAccessOff(userId, operator, clientAddress);
        }
    }

    private Outcome switchAccessOff(long userId, String operator, @Nullable String clientAddress) {
        return inTx(() -> {
            Optional<String> address = addressOf(userId);
            if (address.isEmpty()) return publish("gateway.apiaccess.disabled", operator, 0, "user:" + userId, Outcome.NOT_FOUND, Map.of(), clientAddress, null);
            Instant now = clock.instant();
            int n = jdbc.sql("""
                            INSERT INTO gateway_user_access (user_id, disabled_at, disabled_by)
                            SELECT ?, ?, ? FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM gateway_user_access WHERE user_id = ?)""")
                    .params(userId, utc(now), operator, userId, userId).update();
            return publish("gateway.apiaccess.disabled", operator, userId, "user:" + userId, n == 1 ? Outcome.DONE : Outcome.UNCHANGED,
                    Map.of("address", address.get()), clientAddress, null);
        });
    }

    public Outcome enableApiAccess(long userId, String operator, @Nullable String clientAddress) {
        return inTx(() -> {
            Optional<String> address = addressOf(userId);
            if (address.isEmpty()) return publish("gateway.apiaccess.enabled", operator, 0, "user:" + userId, Outcome.NOT_FOUND, Map.of(), clientAddress, null);
            int n = jdbc.sql("DELETE FROM gateway_user_access WHERE user_id = ?").param(userId).update();
            return publish("gateway.apiaccess.enabled", operator, userId, "user:" + userId, n == 1 ? Outcome.DONE : Outcome.UNCHANGED,
                    Map.of("address", address.get()), clientAddress, null);
        });
    }

    /** The mailbox sends nothing (its queued mail waits) until an operator enables it again. */
    public Outcome disableMailbox(long mailboxId, String operator, @Nullable String clientAddress) {
        return setMailbox(mailboxId, true, operator, clientAddress);
    }

    public Outcome enableMailbox(long mailboxId, String operator, @Nullable String clientAddress) {
        return setMailbox(mailboxId, false, operator, clientAddress);
    }

    /** Revokes one key at once (every request looks its key up); the owner's webhooks get {@code apikey.revoked}. */
    public Outcome revokeKey(long keyId, String operator, @Nullable String clientAddress) {
        return inTx(() -> {
            record Key(long userId, String prefix) {
            }
            Optional<Key> key = jdbc.sql("SELECT user_id, prefix FROM api_keys WHERE id = ?").param(keyId)
                    .query((rs, i) -> new Key(rs.getLong(1), rs.getString(2))).optional();
            if (key.isEmpty()) return publish("gateway.apikey.revoked", operator, 0, "apikey:" + keyId, Outcome.NOT_FOUND, Map.of(), clientAddress, null);
            int n = jdbc.sql("UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                    .params(utc(clock.instant()), "operator:" + operator, keyId).update();
            return publish("gateway.apikey.revoked", operator, key.get().userId(), "apikey:" + keyId,
                    n == 1 ? Outcome.DONE : Outcome.UNCHANGED, Map.of("prefix", key.get().prefix(), "key_id", keyId), clientAddress,
                    n == 1 ? "apikey.revoked" : null);
        });
    }

    /** The mailboxes feature changes the state and audits it; only "no such mailbox" and "no change" are audited here. */
    private Outcome setMailbox(long mailboxId, boolean disable, String operator, @Nullable String clientAddress) {
        String action = disable ? "gateway.mailbox.disabled" : "gateway.mailbox.enabled";
        Optional<Long> owner = jdbc.sql("SELECT user_id FROM connected_mailboxes WHERE id = ?").param(mailboxId).query(Long.class).optional();
        if (owner.isEmpty()) return inTx(() -> publish(action, operator, 0, "mailbox:" + mailboxId, Outcome.NOT_FOUND, Map.of(), clientAddress, null));
        boolean changed = disable ? mailboxes.disable(mailboxId, operator, clientAddress) : mailboxes.enable(mailboxId, operator, clientAddress);
        return changed ? Outcome.DONE
                : inTx(() -> publish(action, operator, owner.get(), "mailbox:" + mailboxId, Outcome.UNCHANGED, Map.of(), clientAddress, null));
    }

    private Optional<String> addressOf(long userId) {
        return jdbc.sql("SELECT address FROM users WHERE id = ?").param(userId).query(String.class).optional();
    }

    private Outcome publish(String action, String operator, long ownerUserId, String target, Outcome outcome,
                            Map<String, Object> details, @Nullable String clientAddress, @Nullable String webhookType) {
        events.publishEvent(new GatewayEvent(action, GatewayEvent.Actor.OPERATOR, operator, ownerUserId, target, outcome.audited(),
                details, clientAddress, webhookType, clock.instant()));
        return outcome;
    }

    private Outcome inTx(Supplier<Outcome> work) {
        return Objects.requireNonNull(tx.execute(status -> work.get()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
