package org.vaultmail.gateway.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;
import org.vaultmail.gateway.GatewayProperties;
import org.vaultmail.gateway.GatewayProperties.SendLimits;

/**
 * The gateway policy stored in the database over the configured defaults (ADR 0040, the form of ADR 0022). Every
 * consumer calls {@link #current()} on each use; it re-reads the two small tables at most every {@link #REFRESH}
 * (so all nodes apply a change within that bound) and at once on the node that saved. Saving is optimistic: it names
 * the version it was based on and is refused if another save came first. A saved change is published as one
 * {@link GatewayEvent} ({@code gateway.policy.change}, one detail per field {@code "old -> new"}) in its transaction.
 *
 * <p>Why this is long: defaults, stored values over them, validation, optimistic saving and the refresh that other
 * nodes' saves reach this one by, for one policy. It has the same shape as {@code auth.policy.AuthPolicies}; a shared
 * base for both is noted as a later step (docs/notes/structure.md).
 */
@NamedInterface("policy")
public final class StoredGatewayPolicies implements GatewayPolicies {

    /** How old a node's copy may be: the bound within which a change saved on one node applies on every node. */
    public static final Duration REFRESH = Duration.ofSeconds(2);
    public static final String ACTION = "gateway.policy.change";
    private static final Logger log = LoggerFactory.getLogger(StoredGatewayPolicies.class);

    private record Stored(Object value, Instant at, String by) {
    }

    private record Loaded(long version, @Nullable Instant updatedAt, @Nullable String updatedBy,
                          Map<GatewayPolicyField, Stored> stored) {
    }

    private record Snapshot(GatewayPolicy policy, long version, long loadedAtNanos) {
    }

    /** One field as the console shows it. {@code stored} is null when the configured default applies. */
    public record Entry(GatewayPolicyField field, String configured, @Nullable String stored, String effective,
                        @Nullable Instant storedAt, @Nullable String storedBy) {
    }

    /** The whole policy as the console shows it, with the version a save must name. */
    public record View(long version, @Nullable Instant updatedAt, @Nullable String updatedBy, List<Entry> entries,
                       GatewayPolicy effective) {
    }

    public enum Outcome { SAVED, UNCHANGED, INVALID, CONFLICT }

    /** One field's change: its key, the value before and after, each marked {@code (default)} when not stored. */
    public record Change(String field, String from, String to) {
    }

    /** What a save did: errors per field when invalid, the changes when saved, the version now current. */
    public record Result(Outcome outcome, Map<GatewayPolicyField, GatewayPolicyField.Problem> errors, List<Change> changes,
                         long version) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<GatewayPolicyField, Object> defaults;
    private volatile @Nullable Snapshot snapshot;

    StoredGatewayPolicies(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock,
                          GatewayProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.defaults = defaults(properties);
    }

    static Map<GatewayPolicyField, Object> defaults(GatewayProperties p) {
        Map<GatewayPolicyField, Object> d = new EnumMap<>(GatewayPolicyField.class);
        d.put(GatewayPolicyField.MAX_MAILBOXES_PER_USER, p.mailboxes().maxPerUser());
        TreeSet<String> domains = new TreeSet<>();
        p.mailboxes().disabledDomains().forEach(x -> domains.add(x.strip().toLowerCase(Locale.ROOT)));
        d.put(GatewayPolicyField.DISABLED_DOMAINS, domains);
        d.put(GatewayPolicyField.API_KEYS_REQUIRE_SECOND_FACTOR, p.apiKeys().requireSecondFactor());
        d.put(GatewayPolicyField.API_KEY_MAX_LIFETIME, p.apiKeys().maxLifetime());
        d.put(GatewayPolicyField.SEND_PER_MINUTE, p.outbox().sendPerMinute());
        d.put(GatewayPolicyField.SEND_PER_DAY, p.outbox().sendPerDay());
        TreeMap<String, SendLimits> limits = new TreeMap<>();
        p.outbox().domains().forEach((k, v) -> limits.put(k.strip().toLowerCase(Locale.ROOT), v));
        d.put(GatewayPolicyField.DOMAIN_SEND_LIMITS, limits);
        return d;
    }

    /** The policy in force, at most {@link #REFRESH} old. If the database cannot be read, the last copy stays. */
    @Override
    public GatewayPolicy current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.loadedAtNanos() < REFRESH.toNanos()) return s.policy();
        synchronized (this) {
            s = snapshot;
            if (s != null && System.nanoTime() - s.loadedAtNanos() < REFRESH.toNanos()) return s.policy();
            try {
                return refresh().policy();
            } catch (RuntimeException e) {
                if (s == null) throw e;
                log.warn("Cannot re-read the gateway policy ({}); keeping the copy of version {}", e.getMessage(), s.version());
                snapshot = new Snapshot(s.policy(), s.version(), System.nanoTime());
                return s.policy();
            }
        }
    }

    /** Fresh from the database: configured default, stored value and effective value per field. */
    public View view() {
        Loaded loaded = load();
        List<Entry> entries = new ArrayList<>();
        for (GatewayPolicyField f : GatewayPolicyField.values()) {
            Stored s = loaded.stored().get(f);
            entries.add(new Entry(f, f.format(defaultOf(f)), s == null ? null : f.format(s.value()), f.format(effective(loaded, f)),
                    s == null ? null : s.at(), s == null ? null : s.by()));
        }
        return new View(loaded.version(), loaded.updatedAt(), loaded.updatedBy(), List.copyOf(entries), policyOf(loaded));
    }

    /**
     * Applies what an operator typed, based on {@code expectedVersion}: per field, text to store, or blank to go back to
     * the configured default; fields not in {@code input} stay as they are. Nothing is written when any field is
     * invalid or another save came first.
     */
    public Result save(long expectedVersion, Map<GatewayPolicyField, String> input, String operator,
                       @Nullable String clientAddress) {
        Loaded loaded = load();
        Map<GatewayPolicyField, Object> next = new EnumMap<>(GatewayPolicyField.class);
        loaded.stored().forEach((f, s) -> next.put(f, s.value()));
        Map<GatewayPolicyField, GatewayPolicyField.Problem> errors = new LinkedHashMap<>();
        input.forEach((field, text) -> {
            if (text == null || text.isBlank()) {
                next.remove(field);
                return;
            }
            try {
                next.put(field, field.parse(text));
            } catch (GatewayPolicyField.InvalidValue e) {
                errors.put(field, e.error());
            }
        });
        if (errors.isEmpty()) crossCheck(next, errors);
        if (!errors.isEmpty()) return new Result(Outcome.INVALID, errors, List.of(), loaded.version());
        List<Change> changes = new ArrayList<>();
        for (GatewayPolicyField f : GatewayPolicyField.values()) {
            Stored before = loaded.stored().get(f);
            Object after = next.get(f);
            if (!Objects.equals(before == null ? null : before.value(), after)) {
                changes.add(new Change(f.key(), shown(f, before == null ? null : before.value()), shown(f, after)));
            }
        }
        if (changes.isEmpty()) return new Result(Outcome.UNCHANGED, Map.of(), List.of(), loaded.version());
        Instant now = clock.instant();
        Long version = tx.execute(status -> {
            int won = jdbc.sql("UPDATE gateway_policy SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?")
                    .params(utc(now), operator, expectedVersion).update();
            if (won != 1) return null;
            for (GatewayPolicyField f : GatewayPolicyField.values()) {
                Stored before = loaded.stored().get(f);
                Object after = next.get(f);
                if (Objects.equals(before == null ? null : before.value(), after)) continue;
                jdbc.sql("DELETE FROM gateway_policy_values WHERE name = ?").param(f.key()).update();
                if (after != null) {
                    jdbc.sql("INSERT INTO gateway_policy_values (name, stored_value, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                            .params(f.key(), f.store(after), utc(now), operator).update();
                }
            }
            long saved = expectedVersion + 1;
            Map<String, Object> details = new LinkedHashMap<>();
            for (Change c : changes) {
                details.put(GatewayPolicyField.byKey(c.field()).orElseThrow().snakeCase(), c.from() + " -> " + c.to());
            }
            events.publishEvent(new GatewayEvent(ACTION, GatewayEvent.Actor.OPERATOR, operator, 0, "gateway-policy:v" + saved,
                    "success", details, clientAddress, null, now));
            return saved;
        });
        if (version == null) return new Result(Outcome.CONFLICT, Map.of(), List.of(), load().version());
        synchronized (this) {
            refresh();
        }
        log.info("Gateway policy version {} saved by {}: {}", version, operator, changes);
        return new Result(Outcome.SAVED, Map.of(), List.copyOf(changes), version);
    }

    /** A refused save (invalid or based on an old version), audited as such; nothing was written. */
    public void refused(Outcome outcome, String operator, @Nullable String clientAddress) {
        events.publishEvent(new GatewayEvent(ACTION, GatewayEvent.Actor.OPERATOR, operator, 0, "gateway-policy",
                outcome.name().toLowerCase(Locale.ROOT), Map.of(), clientAddress, null, clock.instant()));
    }

    /** Reads the tables now (also done by {@link #current()} when its copy is older than {@link #REFRESH}). */
    synchronized GatewayPolicy refreshNow() {
        return refresh().policy();
    }

    private Snapshot refresh() {
        Loaded loaded = load();
        Snapshot s = new Snapshot(policyOf(loaded), loaded.version(), System.nanoTime());
        snapshot = s;
        return s;
    }

    /** Limits that depend on each other, checked on the values that would be in force. */
    private void crossCheck(Map<GatewayPolicyField, Object> next, Map<GatewayPolicyField, GatewayPolicyField.Problem> errors) {
        int perMinute = (Integer) valueOf(next, GatewayPolicyField.SEND_PER_MINUTE);
        int perDay = (Integer) valueOf(next, GatewayPolicyField.SEND_PER_DAY);
        if (perDay < perMinute) {
            errors.put(GatewayPolicyField.SEND_PER_DAY, new GatewayPolicyField.Problem("gatewayPolicy.error.dayBelowMinute",
                    List.of(perMinute)));
        }
    }

    private Object valueOf(Map<GatewayPolicyField, Object> stored, GatewayPolicyField f) {
        Object v = stored.get(f);
        return v != null ? v : defaultOf(f);
    }

    private Object defaultOf(GatewayPolicyField f) {
        return Objects.requireNonNull(defaults.get(f));
    }

    private String shown(GatewayPolicyField f, @Nullable Object stored) {
        return stored != null ? f.format(stored) : f.format(defaultOf(f)) + " (default)";
    }

    private Object effective(Loaded loaded, GatewayPolicyField f) {
        Stored s = loaded.stored().get(f);
        return s != null ? s.value() : defaultOf(f);
    }

    @SuppressWarnings("unchecked")
    private GatewayPolicy policyOf(Loaded loaded) {
        return new GatewayPolicy((Integer) effective(loaded, GatewayPolicyField.MAX_MAILBOXES_PER_USER),
                (Set<String>) effective(loaded, GatewayPolicyField.DISABLED_DOMAINS),
                (Boolean) effective(loaded, GatewayPolicyField.API_KEYS_REQUIRE_SECOND_FACTOR),
                (Duration) effective(loaded, GatewayPolicyField.API_KEY_MAX_LIFETIME),
                (Integer) effective(loaded, GatewayPolicyField.SEND_PER_MINUTE),
                (Integer) effective(loaded, GatewayPolicyField.SEND_PER_DAY),
                (Map<String, SendLimits>) effective(loaded, GatewayPolicyField.DOMAIN_SEND_LIMITS));
    }

    /** The version first, then the values: a save in between makes a later save based on this version conflict. */
    private Loaded load() {
        record Head(long version, @Nullable Instant at, @Nullable String by) {
        }
        Head head = jdbc.sql("SELECT version, updated_at, updated_by FROM gateway_policy WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3)))
                .optional().orElse(new Head(0, null, null));
        Map<GatewayPolicyField, Stored> stored = new EnumMap<>(GatewayPolicyField.class);
        jdbc.sql("SELECT name, stored_value, updated_at, updated_by FROM gateway_policy_values").query(rs -> {
            var field = GatewayPolicyField.byKey(rs.getString(1));
            if (field.isEmpty()) return;
            try {
                stored.put(field.get(), new Stored(field.get().load(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
            } catch (RuntimeException e) {
                log.warn("Stored gateway policy value {} does not parse; the configured default applies", field.get().key());
            }
        });
        return new Loaded(head.version(), head.at(), head.by(), stored);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
