package org.vaultmail.oauth.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Secret;

/**
 * Grants held like passwords: sealed at rest, one refresh per expiry however many callers (and nodes), rotation written
 * atomically, {@code invalid_grant} ends the requests until the owner reconnects, failures paced, revocation on delete.
 */
class StoredGrantsTest {

    @TempDir
    Path dir;
    GrantsKit kit;

    GrantsKit kit(TestDatabase.Kind kind) {
        kit = new GrantsKit(kind, dir);
        return kit;
    }

    @AfterEach
    void tearDown() {
        if (kit != null) kit.close();
    }

    private long stored(GrantsKit k, String provider, Duration expiresIn) {
        long user = k.kit.user("owner-" + provider + "-" + System.nanoTime() + "@example.test");
        try (CompletedAuthorization a = k.authorization(provider, OAuthPurpose.SEND, "alice@example.test", expiresIn)) {
            return k.grants.store(user, a);
        }
    }

    @Test
    void storeSealsBothTokensAndRefusesAGrantWithoutRefreshToken() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long user = k.kit.user("alice@example.test");
        CompletedAuthorization a = k.authorization("google", OAuthPurpose.SEND, "alice@example.test", Duration.ofHours(1));
        String access = a.tokens().accessToken().revealUtf8();
        String refresh = a.tokens().refreshToken().revealUtf8();
        long id = k.grants.store(user, a);

        GrantView view = k.grants.find(id).orElseThrow();
        assertThat(view.state()).isEqualTo(GrantView.State.ACTIVE);
        assertThat(view.email()).isEqualTo("alice@example.test");
        assertThat(view.scopes()).containsExactlyInAnyOrder("openid", "email", "https://www.googleapis.com/auth/gmail.send");
        assertThat(view.toString()).doesNotContain(access, refresh);
        String dump = DatabaseDump.of(k.kit.dataSource);
        assertThat(dump).contains("oauth_grants").doesNotContain(access).doesNotContain(refresh)
                .doesNotContain(HexFormat.of().formatHex(refresh.getBytes(StandardCharsets.UTF_8)));
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED);

        var noRefresh = new CompletedAuthorization(a.provider(), a.purpose(), a.context(), a.subject(), a.email(),
                new org.vaultmail.oauth.TokenSet(Secret.ofUtf8("a"), null, k.now().plusSeconds(3600), Set.of()));
        assertThatThrownBy(() -> k.grants.store(user, noRefresh)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValidTokenIsUsedWithoutATokenRequest() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofHours(1));
        try (Secret first = k.grants.accessTokens(id).accessToken(); Secret again = k.node().accessTokens(id).accessToken()) {
            assertThat(first.sameAs(again)).isTrue();
        }
        assertThat(k.stub.refreshRequests()).isZero();
    }

    @Test
    void aHundredCallersWithAnExpiredTokenCauseOneTokenRequest() throws Exception {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofSeconds(30)); // under the minute: refreshed before use
        k.stub.refreshDelay(200);
        List<String> tokens = race(100, i -> k.grants.accessTokens(id));
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
        assertThat(Set.copyOf(tokens)).hasSize(1);
    }

    @Test
    void callersOnTwoNodesCauseOneTokenRequest() throws Exception {
        twoNodes(kit(TestDatabase.Kind.H2));
    }

    @Test
    void callersOnTwoNodesCauseOneTokenRequestOnPostgres() throws Exception {
        twoNodes(kit(TestDatabase.Kind.POSTGRES));
    }

    private void twoNodes(GrantsKit k) throws Exception {
        long id = stored(k, "microsoft", Duration.ZERO);
        k.stub.refreshDelay(200);
        StoredGrants a = k.node();
        StoredGrants b = k.node();
        List<String> tokens = race(40, i -> (i % 2 == 0 ? a : b).accessTokens(id));
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
        assertThat(Set.copyOf(tokens)).hasSize(1);
    }

    @Test
    void aRotatedRefreshTokenReplacesTheStoredOne() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        k.stub.rotateRefreshTokens(true);
        long id = stored(k, "microsoft", Duration.ZERO);
        String before = k.storedRefreshToken(id);

        k.grants.accessTokens(id).accessToken().close();

        String after = k.storedRefreshToken(id);
        assertThat(after).isNotEqualTo(before);
        assertThat(k.stub.refreshTokenValid(before)).isFalse();
        assertThat(k.stub.refreshTokenValid(after)).isTrue();
        // the next expiry refreshes with the new one
        k.clock.advance(Duration.ofHours(2));
        k.grants.accessTokens(id).accessToken().close();
        assertThat(k.stub.refreshRequests()).isEqualTo(2);
        assertThat(k.grants.find(id).orElseThrow().lastFailure()).isNull();
    }

    @Test
    void withoutRotationTheRefreshTokenStays() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ZERO);
        String before = k.storedRefreshToken(id);
        k.grants.accessTokens(id).accessToken().close();
        assertThat(k.storedRefreshToken(id)).isEqualTo(before);
    }

    @Test
    void invalidGrantNeedsReauthAndStopsTokenRequestsUntilReplaced() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ZERO);
        k.stub.revokeUser("alice@example.test");

        assertThatThrownBy(() -> k.grants.accessTokens(id).accessToken()).isInstanceOf(OAuthReauthRequiredException.class)
                .hasMessageContaining("google");
        GrantView view = k.grants.find(id).orElseThrow();
        assertThat(view.state()).isEqualTo(GrantView.State.NEEDS_REAUTH);
        assertThat(view.lastFailure()).isEqualTo("invalid_grant");
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED, OAuthGrantEvent.Type.NEEDS_REAUTH);
        int requests = k.stub.refreshRequests();
        for (int i = 0; i < 5; i++) {
            k.clock.advance(Duration.ofMinutes(10));
            assertThatThrownBy(() -> k.node().accessTokens(id).accessToken()).isInstanceOf(OAuthReauthRequiredException.class);
        }
        assertThat(k.stub.refreshRequests()).isEqualTo(requests);

        try (CompletedAuthorization again = k.authorization("google", OAuthPurpose.SEND, "alice@example.test", Duration.ZERO)) {
            k.grants.replace(id, again);
        }
        assertThat(k.grants.find(id).orElseThrow().state()).isEqualTo(GrantView.State.ACTIVE);
        k.grants.accessTokens(id).accessToken().close();
        assertThat(k.stub.refreshRequests()).isEqualTo(requests + 1);
    }

    @Test
    void replaceRefusesAnotherAccount() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofHours(1));
        try (CompletedAuthorization other = k.authorization("google", OAuthPurpose.SEND, "mallory@example.test", Duration.ofHours(1))) {
            assertThatThrownBy(() -> k.grants.replace(id, other)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void otherFailuresAreUnavailablePacedAndNotFlooding() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ZERO);
        k.stub.failNext(1000, 503);

        assertThatThrownBy(() -> k.grants.accessTokens(id).accessToken()).isInstanceOf(OAuthUnavailableException.class)
                .hasMessageNotContaining(k.storedRefreshToken(id));
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
        // other callers right after do not ask again
        assertThatThrownBy(() -> k.node().accessTokens(id).accessToken()).isInstanceOf(OAuthUnavailableException.class);
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
        // later ones do, but the log hears of it once per quiet period
        for (int i = 0; i < 5; i++) {
            k.clock.advance(Duration.ofSeconds(11));
            assertThatThrownBy(() -> k.grants.accessTokens(id).accessToken()).isInstanceOf(OAuthUnavailableException.class);
        }
        assertThat(k.stub.refreshRequests()).isEqualTo(6);
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED, OAuthGrantEvent.Type.REFRESH_FAILED);
        k.clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> k.grants.accessTokens(id).accessToken()).isInstanceOf(OAuthUnavailableException.class);
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED, OAuthGrantEvent.Type.REFRESH_FAILED,
                OAuthGrantEvent.Type.REFRESH_FAILED);
        assertThat(k.kit.jdbc.sql("SELECT COUNT(*) FROM oauth_refresh_failures WHERE grant_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(k.grants.find(id).orElseThrow().state()).isEqualTo(GrantView.State.ACTIVE);

        k.stub.failNext(0, 503);
        k.clock.advance(Duration.ofSeconds(11));
        k.grants.accessTokens(id).accessToken().close();
    }

    @Test
    void aRejectedTokenIsRefreshedOnTheNextCall() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofHours(1));
        Secret first = k.grants.accessTokens(id).accessToken();
        k.grants.accessTokens(id).rejected(first);
        try (Secret second = k.grants.accessTokens(id).accessToken()) {
            assertThat(second.sameAs(first)).isFalse();
        }
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
        // an old token rejected late does not throw the new one away
        k.grants.accessTokens(id).rejected(first);
        k.grants.accessTokens(id).accessToken().close();
        assertThat(k.stub.refreshRequests()).isEqualTo(1);
    }

    @Test
    void deleteRevokesAtGoogle() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofHours(1));
        String refresh = k.storedRefreshToken(id);

        assertThat(k.grants.delete(id)).isEqualTo(Revocation.REVOKED);

        assertThat(k.stub.revoked()).containsExactly(refresh);
        assertThat(k.grants.find(id)).isEmpty();
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED, OAuthGrantEvent.Type.DISCONNECTED,
                OAuthGrantEvent.Type.REVOKED);
    }

    @Test
    void deleteAtMicrosoftSaysNotSupported() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "microsoft", Duration.ofHours(1));

        assertThat(k.grants.delete(id)).isEqualTo(Revocation.NOT_SUPPORTED);

        assertThat(k.stub.revoked()).isEmpty();
        assertThat(k.grants.find(id)).isEmpty();
        assertThat(k.eventTypes()).containsExactly(OAuthGrantEvent.Type.CONNECTED, OAuthGrantEvent.Type.DISCONNECTED,
                OAuthGrantEvent.Type.REVOCATION_NOT_SUPPORTED);
    }

    @Test
    void aFailedRevocationStillDeletes() {
        GrantsKit k = kit(TestDatabase.Kind.H2);
        long id = stored(k, "google", Duration.ofHours(1));
        k.stub.close(); // the endpoint is gone
        assertThat(k.grants.delete(id)).isEqualTo(Revocation.FAILED);
        assertThat(k.grants.find(id)).isEmpty();
        assertThat(k.eventTypes()).endsWith(OAuthGrantEvent.Type.REVOCATION_FAILED);
    }

    @FunctionalInterface
    interface SourceFor {
        org.vaultmail.oauth.AccessTokenSource of(int caller);
    }

    /** {@code n} callers released at once, each asking for a token; returns the tokens they got. */
    private static List<String> race(int n, SourceFor sources) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        Set<Throwable> errors = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int caller = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try (Secret token = sources.of(caller).accessToken()) {
                        return token.revealUtf8();
                    } catch (RuntimeException e) {
                        errors.add(e);
                        throw e;
                    }
                }));
            }
            go.countDown();
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : futures) tokens.add(f.get());
            assertThat(errors).isEmpty();
            return tokens;
        }
    }
}
