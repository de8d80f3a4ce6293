package org.vaultmail.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.internal.DataKeys;
import org.vaultmail.vault.internal.RootKeys;

/**
 * The operator's key actions (status, rotate, rewrap, retire) over every registered
 * {@link SealedColumn}. Each action publishes an event for the audit log; none carries key bytes.
 */
public final class KeyManagement {

    private final Vault vault;
    private final DataKeys keys;
    private final List<SealedColumn> columns;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration retireSettle;
    /** Test seam: runs between reading a batch and writing it back, where a concurrent writer could strike. */
    volatile Runnable beforeRewrapWrite = () -> { };

    KeyManagement(Vault vault, List<SealedColumn> columns, JdbcTemplate jdbc, TransactionTemplate tx,
                  ApplicationEventPublisher events, Clock clock, Duration retireSettle) {
        this.vault = vault;
        this.keys = vault.dataKeys();
        this.columns = List.copyOf(columns);
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.retireSettle = retireSettle;
    }

    public KeyStatus status() {
        var ring = keys.reload();
        RootKeys root = keys.root();
        Map<Long, Instant> created = keys.createdTimes();
        List<KeyStatus.RowCount> rows = new ArrayList<>();
        for (SealedColumn c : columns) {
            jdbc.query("SELECT " + c.keyIdColumn() + ", COUNT(*) FROM " + c.table() + " GROUP BY " + c.keyIdColumn()
                            + " ORDER BY " + c.keyIdColumn(),
                    rs -> {
                        rows.add(new KeyStatus.RowCount(c.qualifiedName(), rs.getLong(1), rs.getLong(2)));
                    });
        }
        return new KeyStatus(root.source(), root.description(), root.keyIds(), root.primaryKeyId(),
                ring.wrappedByRootKeyId(),
                ring.keys().stream().map(k -> new KeyStatus.DataKey(k.id(), k.primary(), created.get(k.id()))).toList(), rows);
    }

    /** Where the root keys come from (for doctor), without touching the database. */
    public RootKeySource rootKeySource() {
        return keys.root().source();
    }

    /** Adds a new data key and makes it primary; older keys stay for decryption. */
    public DataKeyRotated rotate() {
        var change = keys.rotate();
        var event = new DataKeyRotated(change.after().primaryKeyId(), change.before().primaryKeyId(), clock.instant());
        events.publishEvent(event);
        return event;
    }

    /**
     * Re-encrypts every row not under the primary data key, and the data keyset under the root
     * primary. Idempotent and resumable; safe to kill and to run on several nodes at once.
     */
    public RewrapFinished rewrap(RewrapOptions options, Consumer<RewrapProgressed> progress) {
        long started = System.nanoTime();
        boolean keysetRewrapped = keys.rewrapUnderRootPrimary();
        long primary = keys.reload().primaryKeyId();
        Rewrap rewrap = new Rewrap(jdbc, tx, vault, options, beforeRewrapWrite);
        long total = columns.stream().mapToLong(c -> rewrap.countNotOn(c, primary)).sum();
        Consumer<RewrapProgressed> both = p -> {
            events.publishEvent(p);
            progress.accept(p);
        };
        for (SealedColumn c : columns) {
            rewrap.run(c, total, both);
        }
        var finished = new RewrapFinished(primary, rewrap.rewrapped, rewrap.skipped, rewrap.failed, keysetRewrapped,
                Duration.ofNanos(System.nanoTime() - started), rewrap.failures);
        events.publishEvent(finished);
        return finished;
    }

    /** Removes a data key; refuses for the primary and while any registered column still uses it. */
    public DataKeyRetired retire(long keyId) {
        var ring = keys.reload();
        if (!ring.contains(keyId)) throw new VaultException("key " + keyId + " is not in the data keyset");
        if (ring.primaryKeyId() == keyId) {
            throw new VaultException("key " + keyId + " is the primary data key; rotate and rewrap first");
        }
        // A node notices a rotation within one keyset poll; until then it may still seal under the
        // old key. Retiring too soon could strand such a row, so give the rotation time to settle.
        Instant primarySince = keys.createdTimes().get(ring.primaryKeyId());
        if (primarySince != null && clock.instant().isBefore(primarySince.plus(retireSettle))) {
            long wait = Duration.between(clock.instant(), primarySince.plus(retireSettle)).toSeconds() + 1;
            throw new VaultException("key " + ring.primaryKeyId() + " became primary less than " + retireSettle.toSeconds()
                    + " s ago and other nodes may still seal under key " + keyId + "; wait " + wait
                    + " s, run 'keys rewrap' again, then retire");
        }
        Map<String, Long> inUse = new LinkedHashMap<>();
        for (SealedColumn c : columns) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + c.table() + " WHERE " + c.keyIdColumn() + " = ?",
                    Long.class, keyId);
            if (n != null && n > 0) inUse.put(c.qualifiedName(), n);
        }
        if (!inUse.isEmpty()) {
            StringBuilder list = new StringBuilder();
            inUse.forEach((column, n) -> list.append(list.isEmpty() ? "" : ", ").append(column).append(": ").append(n).append(" rows"));
            throw new VaultException("key " + keyId + " still seals " + list + "; run 'keys rewrap' first");
        }
        keys.remove(keyId);
        var event = new DataKeyRetired(keyId, clock.instant());
        events.publishEvent(event);
        return event;
    }

    public List<SealedColumn> columns() {
        return columns;
    }
}
