package org.vaultmail.auth.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sign-in and session policy, stored in the database over the configured defaults (ADR 0022). Every
 * consumer calls {@link #current()} on each use; it re-reads the two small tables at most every
 * {@link #REFRESH} (so all nodes apply a change within that bound) and at once on the node that saved.
 * Saving is optimistic: it names the version it was based on and is refused if another save came first.
 *
 * <p>Why this is long: defaults, stored values over them, validation, optimistic saving, the refresh that other nodes'
 * saves reach this one by, and the event when a lifetime gets shorter. It has the same shape as {@code
 * gateway.policy.StoredGatewayPolicies}; a shared base for both is noted as a later step (docs/notes/structure.md).
 */
@NamedInterface("policy")
public final class AuthPolicies {

    /** How old a node's copy may be: the bound within which a change saved on one node applies on every node. */
    public static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(AuthPolicies.class);

    /** A stored value and who stored it when. */
    private record Stored(Object value, Instant at, String by) {
    }

    private record Loaded(long version, @Nullable Instant updatedAt, @Nullable String updatedBy, Map<PolicyField, Stored> stored) {
    }

    private record Snapshot(AuthPolicy policy, long version, long loadedAtNanos) {
    }

    /** One field as the console shows it. {@code stored} is null when the configured default applies. */
    public record Entry(PolicyField field, String configured, @Nullable String stored, String effective,
                        @Nullable Instant storedAt, @Nullable String storedBy) {
    }

    /** The whole policy as the console shows it, with the version a save must name. */
    public record View(long version, @Nullable Instant updatedAt, @Nullable String updatedBy, List<Entry> entries,
                       AuthPolicy effective) {
    }

    public enum Outcome { SAVED, UNCHANGED, INVALID, CONFLICT }

    /** What a save did: errors per field when invalid, the changes when saved, the version now current. */
    public record Result(Outcome outcome, Map<PolicyField, PolicyField.Problem> errors, List<AuthPolicyChanged.Change> changes,
                         long version) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<PolicyField, Object> defaults;
    private volatile @Nullable Snapshot snapshot;

    AuthPolicies(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock,
                 AuthProperties auth, ThrottleProperties throttle, boolean requireOperatorPasskeys) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.defaults = AuthPolicy.defaults(auth, throttle, requireOperatorPasskeys);
    }

    /** The policy in force, at most {@link #REFRESH} old. If the database cannot be read, the last copy stays. */
    public AuthPolicy current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.loadedAtNanos() < REFRESH.toNanos()) return s.policy();
        synchronized (this) {
            s = snapshot;
            if (s != null && System.nanoTime() - s.loadedAtNanos() < REFRESH.toNanos()) return s.policy();
            try {
                return refresh().policy();
            } catch (RuntimeException e) {
                if (s == null) throw e;
                log.warn("Cannot re-read the auth policy ({}); keeping the copy of version {}", e.getMessage(), s.version());
                snapshot = new Snapshot(s.policy(), s.version(), System.nanoTime());
                return s.policy();
            }
        }
    }

    /** Fresh from the database: configured default, stored value and effective value per field. */
    public View view() {
        Loaded loaded = load();
        List<Entry> entries = new ArrayList<>();
        for (PolicyField f : PolicyField.values()) {
            Stored s = loaded.stored().get(f);
            entries.add(new Entry(f, f.format(defaults.get(f)), s == null ? null : f.format(s.value()), f.format(effective(loaded, f)),
                    s == null ? null : s.at(), s == null ? null : s.by()));
        }
        return new View(loaded.version(), loaded.updatedAt(), loaded.updatedBy(), List.copyOf(entries), policyOf(loaded));
    }

    /**
     * Applies what an operator typed, based on {@code expectedVersion}: per field, text to store, or blank to
     * go back to the configured default; fields not in {@code input} stay as they are. Nothing is written when
     * any field is invalid or another save came first. A change is published as {@link AuthPolicyChanged}.
     */
    public Result save(long expectedVersion, Map<PolicyField, String> input, String operator, @Nullable String clientAddress,
                       @Nullable String userAgent) {
        Loaded loaded = load();
        Map<PolicyField, @Nullable Object> next = new EnumMap<>(PolicyField.class);
        loaded.stored().forEach((f, s) -> next.put(f, s.value()));
        Map<PolicyField, PolicyField.Problem> errors = new LinkedHashMap<>();
        input.forEach((field, text) -> {
            if (text == null || text.isBlank()) {
                next.remove(field);
                return;
            }
            try {
                Object value = field.parse(text);
                PolicyField.Problem range = field.validate(value);
                if (range != null) errors.put(field, range);
                else next.put(field, value);
            } catch (PolicyField.InvalidValue e) {
                errors.put(field, e.error());
            }
        });
        if (errors.isEmpty()) crossCheck(next, errors);
        if (!errors.isEmpty()) return new Result(Outcome.INVALID, errors, List.of(), loaded.version());
        List<AuthPolicyChanged.Change> changes = new ArrayList<>();
        for (PolicyField f : PolicyField.values()) {
            Stored before = loaded.stored().get(f);
            Object after = next.get(f);
            if (!Objects.equals(before == null ? null : before.value(), after)) {
                changes.add(new AuthPolicyChanged.Change(f.key(), shown(f, before == null ? null : before.value()), shown(f, after)));
            }
        }
        if (changes.isEmpty()) {
            return new Result(Outcome.UNCHANGED, Map.of(), List.of(), loaded.version());
        }
        Instant now = clock.instant();
        Long version = tx.execute(status -> {
            int won = jdbc.sql("UPDATE auth_policy SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?")
                    .params(utc(now), operator, expectedVersion).update();
            if (won != 1) return null;
            for (PolicyField f : PolicyField.values()) {
                Stored before = loaded.stored().get(f);
                Object after = next.get(f);
                if (Objects.equals(before == null ? null : before.value(), after)) continue;
                jdbc.sql("DELETE FROM auth_policy_values WHERE name = ?").param(f.key()).update();
                if (after != null) {
                    jdbc.sql("INSERT INTO auth_policy_values (name, stored_value, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                            .params(f.key(), f.store(after), utc(now), operator).update();
                }
            }
            announceShorterLimits(policyOf(loaded), policyOf(load()), now);
            return expectedVersion + 1;
        });
        if (version == null) return new Result(Outcome.CONFLICT, Map.of(), List.of(), load().version());
        synchronized (this) {
            refresh();
        }
        log.info("Auth policy version {} saved by {}: {}", version, operator, changes);
        events.publishEvent(new AuthPolicyChanged(operator, version, changes, clientAddress, userAgent));
        return new Result(Outcome.SAVED, Map.of(), List.copyOf(changes), version);
    }

    /**
     * When a save shortens a lifetime, the stored expiries of live sessions are brought within the new limits in the
     * same transaction (a listener of {@link SessionLimitsShortened} in the session feature does it): a session the
     * shorter policy ends then stays ended if the limit is lengthened again later (an operator who tightens the limits
     * during an incident expects those sessions gone for good). ADR 0022, ADR 0033.
     */
    private void announceShorterLimits(AuthPolicy before, AuthPolicy after, Instant now) {
        boolean shorter = after.idleTimeout().compareTo(before.idleTimeout()) < 0
                || after.rememberIdleTimeout().compareTo(before.rememberIdleTimeout()) < 0
                || after.absoluteTimeout().compareTo(before.absoluteTimeout()) < 0;
        if (shorter) events.publishEvent(new SessionLimitsShortened(after, now));
    }

    /** Reads the tables now (also done by {@link #current()} when its copy is older than {@link #REFRESH}). */
    synchronized AuthPolicy refreshNow() {
        return refresh().policy();
    }

    private Snapshot refresh() {
        Loaded loaded = load();
        Snapshot s = new Snapshot(policyOf(loaded), loaded.version(), System.nanoTime());
        snapshot = s;
        return s;
    }

    /** Limits that depend on each other, checked on the values that would be in force. */
    private void crossCheck(Map<PolicyField, @Nullable Object> next, Map<PolicyField, PolicyField.Problem> errors) {
        Duration idle = (Duration) valueOf(next, PolicyField.IDLE_TIMEOUT);
        Duration remember = (Duration) valueOf(next, PolicyField.REMEMBER_IDLE_TIMEOUT);
        Duration absolute = (Duration) valueOf(next, PolicyField.ABSOLUTE_TIMEOUT);
        Duration longest = idle.compareTo(remember) >= 0 ? idle : remember;
        if (absolute.compareTo(longest) < 0) {
            errors.put(PolicyField.ABSOLUTE_TIMEOUT, new PolicyField.Problem("policy.error.absoluteBelowIdle",
                    List.of(PolicyField.formatDuration(longest))));
        }
        Duration base = (Duration) valueOf(next, PolicyField.BASE_WAIT);
        if (((Duration) valueOf(next, PolicyField.MAX_WAIT)).compareTo(base) < 0) {
            errors.put(PolicyField.MAX_WAIT, new PolicyField.Problem("policy.error.maxBelowBase",
                    List.of(PolicyField.formatDuration(base))));
        }
    }

    private Object valueOf(Map<PolicyField, @Nullable Object> stored, PolicyField f) {
        Object v = stored.get(f);
        return v != null ? v : Objects.requireNonNull(defaults.get(f));
    }

    private String shown(PolicyField f, @Nullable Object stored) {
        return stored != null ? f.format(stored) : f.format(Objects.requireNonNull(defaults.get(f))) + " (default)";
    }

    private Object effective(Loaded loaded, PolicyField f) {
        Stored s = loaded.stored().get(f);
        return s != null ? s.value() : Objects.requireNonNull(defaults.get(f));
    }

    private AuthPolicy policyOf(Loaded loaded) {
        Map<PolicyField, Object> values = new EnumMap<>(PolicyField.class);
        for (PolicyField f : PolicyField.values()) values.put(f, effective(loaded, f));
        return AuthPolicy.of(values);
    }

    /** The version first, then the values: a save in between makes a later save based on this version conflict. */
    private Loaded load() {
        record Head(long version, @Nullable Instant at, @Nullable String by) {
        }
        Head head = jdbc.sql("SELECT version, updated_at, updated_by FROM auth_policy WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3)))
                .optional().orElse(new Head(0, null, null));
        Map<PolicyField, Stored> stored = new EnumMap<>(PolicyField.class);
        jdbc.sql("SELECT name, stored_value, updated_at, updated_by FROM auth_policy_values").query(rs -> {
            var field = PolicyField.byKey(rs.getString(1));
            if (field.isEmpty()) return;
            try {
                stored.put(field.get(), new Stored(field.get().load(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
            } catch (RuntimeException e) {
                log.warn("Stored auth policy value {} does not parse; the configured default applies", field.get().key());
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
