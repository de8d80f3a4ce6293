package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/** The OAuth form (v2) of a session's credentials (ADR 0045), next to the password forms that stay readable. */
class CredentialPayloadOAuthTest {

    static final String ACCESS = "Canary-Access-1d9e";
    static final String REFRESH = "Canary-Refresh-7b2c";

    @Test
    void oauthTokensRoundTripWithProviderAndExpiry() {
        Instant expires = Instant.parse("2026-12-06T10:00:00Z");
        try (SessionOAuthTokens tokens = new SessionOAuthTokens("google", Secret.ofUtf8(REFRESH), Secret.ofUtf8(ACCESS), expires);
             Secret encoded = CredentialPayload.encode(tokens); CredentialPayload decoded = CredentialPayload.decode(encoded)) {
            SessionOAuthTokens back = decoded.oauth();
            assertThat(back).isNotNull();
            assertThat(back.providerId()).isEqualTo("google");
            assertThat(back.accessToken().revealUtf8()).isEqualTo(ACCESS);
            assertThat(back.refreshToken().revealUtf8()).isEqualTo(REFRESH);
            assertThat(back.expiresAt()).isEqualTo(expires);
            assertThat(decoded.smtp()).isNull();
            assertThat(decoded + " " + back).doesNotContain(ACCESS).doesNotContain(REFRESH).contains("google");
        }
    }

    @Test
    void withoutARefreshTokenTheAccessTokenAlone() {
        try (SessionOAuthTokens tokens = new SessionOAuthTokens("generic", null, Secret.ofUtf8(ACCESS), Instant.EPOCH);
             Secret encoded = CredentialPayload.encode(tokens); CredentialPayload decoded = CredentialPayload.decode(encoded)) {
            assertThat(decoded.oauth().refreshToken()).isNull();
            assertThat(decoded.oauth().accessToken().revealUtf8()).isEqualTo(ACCESS);
        }
    }

    @Test
    void anOAuthPayloadHasNoPassword() {
        try (SessionOAuthTokens tokens = new SessionOAuthTokens("google", null, Secret.ofUtf8(ACCESS), Instant.EPOCH);
             Secret encoded = CredentialPayload.encode(tokens); CredentialPayload decoded = CredentialPayload.decode(encoded)) {
            assertThatThrownBy(decoded::imapPassword).isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining(ACCESS);
        }
    }

    @Test
    void passwordPayloadsOfEveryEarlierFormatStillDecodeAndHaveNoTokens() {
        try (Secret legacy = Secret.ofUtf8("old-session-pw"); CredentialPayload decoded = CredentialPayload.decode(legacy)) {
            assertThat(decoded.imapPassword().revealUtf8()).isEqualTo("old-session-pw");
            assertThat(decoded.oauth()).isNull();
        }
        try (Secret pw = Secret.ofUtf8("v1-pw"); Secret v1 = CredentialPayload.encode(pw, null);
             CredentialPayload decoded = CredentialPayload.decode(v1)) {
            assertThat(decoded.imapPassword().revealUtf8()).isEqualTo("v1-pw");
            assertThat(decoded.oauth()).isNull();
        }
    }

    @Test
    void aTruncatedOAuthPayloadIsRejected() {
        byte[] provider = "google".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[4 + provider.length + 2];
        bytes[0] = 0;
        bytes[1] = 2;
        bytes[3] = (byte) provider.length;
        System.arraycopy(provider, 0, bytes, 4, provider.length);
        try (Secret truncated = Secret.copyOf(bytes)) {
            assertThatThrownBy(() -> CredentialPayload.decode(truncated)).isInstanceOf(VaultException.class);
        }
    }
}
