package org.vaultmail.oauth.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;

/**
 * What the console shows per provider: its configuration (endpoints, purposes, domains; no secret), grants by purpose
 * (connected, needing reauthorization) and the recent refresh failures (time, user, error code).
 */
final class OAuthOverview {

    static final int RECENT_FAILURES = 20;

    record PurposeCounts(OAuthPurpose purpose, long active, long needsReauth) {
    }

    record Failure(Instant at, String purpose, @Nullable Long userId, @Nullable String email, String error) {
    }

    record ProviderView(OAuthProvider provider, List<PurposeCounts> counts, long needsReauth, List<Failure> failures) {
    }

    private final OAuthProviders providers;
    private final JdbcClient jdbc;

    OAuthOverview(OAuthProviders providers, JdbcClient jdbc) {
        this.providers = providers;
        this.jdbc = jdbc;
    }

    List<ProviderView> providers() {
        Map<String, Map<OAuthPurpose, long[]>> counts = new HashMap<>();
        jdbc.sql("SELECT provider, purpose, state, COUNT(*) FROM oauth_grants GROUP BY provider, purpose, state")
                .query(rs -> {
                    var byPurpose = counts.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(OAuthPurpose.class));
                    for (OAuthPurpose p : OAuthPurpose.values()) {
                        if (!p.label().equals(rs.getString(2))) continue;
                        long[] c = byPurpose.computeIfAbsent(p, k -> new long[2]);
                        c["needs_reauth".equals(rs.getString(3)) ? 1 : 0] += rs.getLong(4);
                    }
                });
        return providers.all().stream().map(p -> {
            var byPurpose = counts.getOrDefault(p.id(), Map.of());
            List<PurposeCounts> rows = p.purposes().stream().sorted().map(purpose -> {
                long[] c = byPurpose.getOrDefault(purpose, new long[2]);
                return new PurposeCounts(purpose, c[0], c[1]);
            }).toList();
            long reauth = byPurpose.values().stream().mapToLong(c -> c[1]).sum();
            return new ProviderView(p, rows, reauth, failures(p.id()));
        }).toList();
    }

    private List<Failure> failures(String providerId) {
        return jdbc.sql("SELECT at, purpose, user_id, email, error FROM oauth_refresh_failures WHERE provider = ? "
                        + "ORDER BY at DESC, id DESC LIMIT " + RECENT_FAILURES)
                .param(providerId)
                .query((rs, n) -> new Failure(rs.getObject(1, Timestamp.class).toInstant(), rs.getString(2),
                        rs.getObject(3, Long.class), rs.getString(4), rs.getString(5)))
                .list();
    }
}
