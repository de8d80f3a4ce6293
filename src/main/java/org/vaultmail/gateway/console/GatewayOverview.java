package org.vaultmail.gateway.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The operator console's view of who uses the gateway (issue 13 item 7, ADR 0040): per user their API keys (prefix and
 * name only: never a digest), connected mailboxes (address, kind, state: never credentials), messages per UTC day for
 * the last {@link #DAYS} days, failures and holds; totals over everyone. Read-only SQL on V36–V38.
 */
@Component
@NamedInterface("console")
public class GatewayOverview {

    public static final int DAYS = 7;

    public record Key(long id, String prefix, String name, String state, @Nullable Instant expiresAt,
                      @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        public boolean active() {
            return state.equals("active");
        }
    }

    public record Mailbox(long id, String address, String kind, String state, @Nullable String disabledBy) {
    }

    /** One user: {@code perDay} oldest day first, as {@link Page#days()}. */
    public record User(long id, String address, @Nullable Instant accessDisabledAt, @Nullable String accessDisabledBy,
                       List<Key> keys, List<Mailbox> mailboxes, List<Long> perDay, long failed, long uncertain, long held) {
        public boolean accessDisabled() {
            return accessDisabledAt != null;
        }

        public long activeKeys() {
            return keys.stream().filter(Key::active).count();
        }

        public long revokedKeys() {
            return keys.stream().filter(k -> k.revokedAt() != null).count();
        }

        public long failures() {
            return failed + uncertain;
        }
    }

    public record Totals(long users, long activeKeys, long revokedKeys, Map<String, Long> mailboxesByState, long messages,
                         long failures, long holds, long accessDisabled) {
    }

    public record Page(List<User> users, long matching, int page, int pageSize, List<LocalDate> days, Totals totals) {
        public int pages() {
            return (int) Math.max(1, (matching + pageSize - 1) / pageSize);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    GatewayOverview(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Users whose address contains {@code search}, by address. Without a search only users with something in the
     * gateway (a key, a mailbox, a message, access switched off); with one, every matching user (so that access can be
     * switched off before they start).
     */
    public Page page(@Nullable String search, int page, int pageSize) {
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = """
                 FROM users u WHERE LOWER(u.address) LIKE :like ESCAPE '\\' AND (:all = 1
                   OR EXISTS (SELECT 1 FROM api_keys k WHERE k.user_id = u.id)
                   OR EXISTS (SELECT 1 FROM connected_mailboxes m WHERE m.user_id = u.id)
                   OR EXISTS (SELECT 1 FROM gateway_user_access a WHERE a.user_id = u.id)
                   OR EXISTS (SELECT 1 FROM outbox_messages o WHERE o.user_id = u.id))""";
        int all = q.isEmpty() ? 0 : 1;
        long matching = jdbc.sql("SELECT COUNT(*) " + where).param("like", like).param("all", all).query(Long.class).single();
        int p = Math.max(0, Math.min(page, (int) ((matching - 1) / pageSize)));
        Map<Long, String> users = new LinkedHashMap<>();
        jdbc.sql("SELECT u.id, u.address " + where + " ORDER BY u.address LIMIT :limit OFFSET :offset")
                .param("like", like).param("all", all).param("limit", pageSize).param("offset", (long) p * pageSize)
                .query(rs -> {
                    users.put(rs.getLong(1), rs.getString(2));
                });
        Instant now = clock.instant();
        List<LocalDate> days = days(now);
        return new Page(details(users, days, now), matching, p, pageSize, days, totals(days, now));
    }

    private static List<LocalDate> days(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int i = DAYS - 1; i >= 0; i--) days.add(today.minusDays(i));
        return List.copyOf(days);
    }

    private List<User> details(Map<Long, String> users, List<LocalDate> days, Instant now) {
        if (users.isEmpty()) return List.of();
        List<Long> ids = List.copyOf(users.keySet());
        Map<Long, List<Key>> keys = new HashMap<>();
        jdbc.sql("SELECT id, user_id, prefix, name, expires_at, revoked_at, last_used_at FROM api_keys WHERE user_id IN (:ids) ORDER BY created_at DESC, id DESC")
                .param("ids", ids).query(rs -> {
                    Instant expires = instant(rs.getObject(5, OffsetDateTime.class));
                    Instant revoked = instant(rs.getObject(6, OffsetDateTime.class));
                    String state = revoked != null ? "revoked" : expires != null && !expires.isAfter(now) ? "expired" : "active";
                    keys.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Key(rs.getLong(1), rs.getString(3),
                            rs.getString(4), state, expires, instant(rs.getObject(7, OffsetDateTime.class)), revoked));
                });
        Map<Long, List<Mailbox>> mailboxes = new HashMap<>();
        jdbc.sql("SELECT id, user_id, address, kind, state, disabled_by FROM connected_mailboxes WHERE user_id IN (:ids) ORDER BY address, id")
                .param("ids", ids).query(rs -> {
                    mailboxes.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Mailbox(rs.getLong(1), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                });
        record Access(Instant at, String by) {
        }
        Map<Long, Access> access = new HashMap<>();
        jdbc.sql("SELECT user_id, disabled_at, disabled_by FROM gateway_user_access WHERE user_id IN (:ids)").param("ids", ids)
                .query(rs -> {
                    access.put(rs.getLong(1), new Access(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3)));
                });
        Map<Long, long[]> stats = new HashMap<>();
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            sums.append("SUM(CASE WHEN created_at >= :d").append(i).append(" AND created_at < :d").append(i + 1)
                    .append(" THEN 1 ELSE 0 END), ");
        }
        var statement = jdbc.sql("SELECT user_id, " + sums + """
                SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'delivery_uncertain' THEN 1 ELSE 0 END),
                SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) FROM outbox_messages WHERE user_id IN (:ids) GROUP BY user_id""")
                .param("ids", ids);
        for (int i = 0; i <= days.size(); i++) statement = statement.param("d" + i, startOf(days, i));
        statement.query(rs -> {
            long[] row = new long[days.size() + 3];
            for (int i = 0; i < row.length; i++) row[i] = rs.getLong(i + 2);
            stats.put(rs.getLong(1), row);
        });
        List<User> out = new ArrayList<>();
        users.forEach((id, address) -> {
            long[] s = stats.getOrDefault(id, new long[days.size() + 3]);
            List<Long> perDay = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) perDay.add(s[i]);
            Access a = access.get(id);
            out.add(new User(id, address, a == null ? null : a.at(), a == null ? null : a.by(), List.copyOf(keys.getOrDefault(id, List.of())),
                    List.copyOf(mailboxes.getOrDefault(id, List.of())), List.copyOf(perDay), s[days.size()], s[days.size() + 1],
                    s[days.size() + 2]));
        });
        return out;
    }

    private Totals totals(List<LocalDate> days, Instant now) {
        long users = jdbc.sql("""
                SELECT COUNT(*) FROM users u WHERE EXISTS (SELECT 1 FROM api_keys k WHERE k.user_id = u.id)
                   OR EXISTS (SELECT 1 FROM connected_mailboxes m WHERE m.user_id = u.id)
                   OR EXISTS (SELECT 1 FROM outbox_messages o WHERE o.user_id = u.id)""").query(Long.class).single();
        long[] keys = jdbc.sql("""
                SELECT SUM(CASE WHEN revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now) THEN 1 ELSE 0 END),
                       SUM(CASE WHEN revoked_at IS NOT NULL THEN 1 ELSE 0 END) FROM api_keys""")
                .param("now", utc(now)).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        Map<String, Long> byState = new TreeMap<>();
        for (String s : List.of("connected", "needs_reauth", "disabled")) byState.put(s, 0L);
        jdbc.sql("SELECT state, COUNT(*) FROM connected_mailboxes GROUP BY state").query(rs -> {
            byState.put(rs.getString(1), rs.getLong(2));
        });
        long[] outbox = jdbc.sql("""
                SELECT SUM(CASE WHEN created_at >= :since THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status IN ('failed', 'delivery_uncertain') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) FROM outbox_messages""")
                .param("since", startOf(days, 0)).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        long disabled = jdbc.sql("SELECT COUNT(*) FROM gateway_user_access").query(Long.class).single();
        return new Totals(users, keys[0], keys[1], byState, outbox[0], outbox[1], outbox[2], disabled);
    }

    /** The start of day {@code i} (UTC); {@code i == days.size()} is the end of the last day. */
    private static OffsetDateTime startOf(List<LocalDate> days, int i) {
        LocalDate day = i < days.size() ? days.get(i) : days.getLast().plusDays(1);
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
