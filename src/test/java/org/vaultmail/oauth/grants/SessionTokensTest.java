package org.vaultmail.oauth.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.vault.Secret;

/** {@code OAuthTokens} for session-held tokens: refresh (rotation reported only when it happened), failures, revoke. */
class SessionTokensTest {

    @TempDir
    Path dir;
    GrantsKit kit;
    SessionTokens tokens;

    @BeforeEach
    void setUp() {
        kit = new GrantsKit(TestDatabase.Kind.H2, dir);
        tokens = new SessionTokens(kit.kit.providers, kit.kit.registrations, kit.endpoint, kit.rows, kit.kit.tx, kit.clock,
                Duration.ofMinutes(5));
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private Secret refreshToken(String provider, OAuthPurpose purpose) {
        Map<String, String> issued = kit.stub.issue("bob@example.test", kit.kit.providers.find(provider).orElseThrow().scopes(purpose));
        return Secret.ofUtf8(issued.get("refresh_token"));
    }

    @Test
    void aRefreshWithoutRotationReturnsNoRefreshToken() {
        try (Secret refresh = refreshToken("google", OAuthPurpose.MAIL); TokenSet t = tokens.refresh("google", OAuthPurpose.MAIL, refresh)) {
            assertThat(t.refreshToken()).isNull();
            assertThat(t.accessToken().revealUtf8()).startsWith("access-");
            assertThat(t.expiresAt()).isAfter(kit.now());
        }
    }

    @Test
    void aRotatedRefreshTokenIsReturned() {
        kit.stub.rotateRefreshTokens(true);
        try (Secret refresh = refreshToken("microsoft", OAuthPurpose.MAIL);
             TokenSet t = tokens.refresh("microsoft", OAuthPurpose.MAIL, refresh)) {
            assertThat(t.refreshToken()).isNotNull();
            assertThat(t.refreshToken().sameAs(refresh)).isFalse();
            assertThat(kit.stub.refreshTokenValid(t.refreshToken().revealUtf8())).isTrue();
        }
    }

    @Test
    void invalidGrantAsksForReauthAndOtherFailuresAreListedOncePerQuietTime() {
        try (Secret refresh = refreshToken("google", OAuthPurpose.MAIL)) {
            kit.stub.revokeUser("bob@example.test");
            assertThatThrownBy(() -> tokens.refresh("google", OAuthPurpose.MAIL, refresh))
                    .isInstanceOf(OAuthReauthRequiredException.class).hasMessageNotContaining(refresh.revealUtf8());
        }
        try (Secret refresh = refreshToken("google", OAuthPurpose.MAIL)) {
            kit.stub.failNext(3, 503);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> tokens.refresh("google", OAuthPurpose.MAIL, refresh))
                        .isInstanceOf(OAuthUnavailableException.class).hasMessageNotContaining(refresh.revealUtf8());
            }
        }
        assertThat(kit.kit.jdbc.sql("SELECT COUNT(*) FROM oauth_refresh_failures WHERE grant_id IS NULL AND provider = 'google'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void revokeWhereTheProviderCan() {
        try (Secret refresh = refreshToken("google", OAuthPurpose.MAIL)) {
            assertThat(tokens.revoke("google", refresh)).isEqualTo(Revocation.REVOKED);
            assertThat(kit.stub.revoked()).containsExactly(refresh.revealUtf8());
        }
        try (Secret refresh = refreshToken("microsoft", OAuthPurpose.MAIL)) {
            assertThat(tokens.revoke("microsoft", refresh)).isEqualTo(Revocation.NOT_SUPPORTED);
        }
    }
}
