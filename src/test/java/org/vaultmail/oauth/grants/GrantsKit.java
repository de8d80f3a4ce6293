package org.vaultmail.oauth.grants;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthTestKit;
import org.vaultmail.oauth.StubProvider;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Secret;

/** Grants on a test database against a {@link StubProvider} as {@code google} (with revocation) and {@code microsoft}. */
final class GrantsKit implements AutoCloseable {

    final StubProvider stub = new StubProvider();
    final OAuthTestKit kit;
    final MutableClock clock = new MutableClock();
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final GrantRows rows;
    final TokenEndpoint endpoint;
    final StoredGrants grants;

    GrantsKit(TestDatabase.Kind kind, Path dir) {
        Map<String, String> properties = new HashMap<>(stub.properties("google", "google"));
        properties.putAll(stub.properties("microsoft", "microsoft"));
        kit = new OAuthTestKit(kind, dir, properties);
        rows = new GrantRows(kit.jdbc);
        endpoint = new TokenEndpoint(kit.http, kit.secrets);
        grants = node();
    }

    /** Another node's grants: its own cache and locks, the same database. */
    StoredGrants node() {
        return new StoredGrants(rows, kit.vault, kit.providers, kit.registrations, endpoint, new GrantEvents(events::add),
                kit.tx, clock, Duration.ofMinutes(5));
    }

    /** A flow's result for {@code user}, with tokens the stub knows, expiring {@code expiresIn} from now. */
    CompletedAuthorization authorization(String provider, OAuthPurpose purpose, String user, Duration expiresIn) {
        var p = kit.providers.find(provider).orElseThrow();
        Map<String, String> issued = stub.issue(user, p.scopes(purpose));
        return new CompletedAuthorization(p, purpose, Map.of(), "sub-" + user, user,
                new TokenSet(Secret.ofUtf8(issued.get("access_token")), Secret.ofUtf8(issued.get("refresh_token")),
                        clock.instant().plus(expiresIn), p.scopes(purpose)));
    }

    List<OAuthGrantEvent.Type> eventTypes() {
        synchronized (events) {
            return events.stream().filter(OAuthGrantEvent.class::isInstance).map(e -> ((OAuthGrantEvent) e).type()).toList();
        }
    }

    String storedRefreshToken(long grantId) {
        GrantRow row = rows.find(grantId).orElseThrow();
        try (Secret s = kit.vault.unseal(org.vaultmail.vault.Purpose.CREDENTIALS,
                GrantRows.REFRESH_TOKEN.location(grantId, row.userId()), row.refreshToken())) {
            return s.revealUtf8();
        }
    }

    Instant now() {
        return clock.instant();
    }

    static Set<String> none() {
        return Set.of();
    }

    @Override
    public void close() {
        stub.close();
        kit.close();
    }
}
