package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.vaultmail.vault.Secret;

/** The sign-in request tokens of ADR 0055: never authenticated, credentials erased for good, never printed. */
class OperatorAuthenticationTokenTest {

    private static final String PASSWORD = "Token-Canary-Password-4f1a";

    @Test
    void erasingZeroesThePasswordAndForgetsTheCode() {
        Secret password = Secret.ofUtf8(PASSWORD);
        OperatorAuthenticationToken token = OperatorAuthenticationToken.unauthenticated("Op-1", password, "123456", "192.0.2.1", "ua");
        assertThat(token.getCredentials()).isSameAs(password);
        assertThat(token.code()).isEqualTo("123456");
        token.eraseCredentials();
        assertThat(password.isDestroyed()).isTrue();
        assertThat(token.getCredentials()).isNull();
        assertThat(token.code()).isNull();
        assertThat(token.getName()).isEqualTo("Op-1");
    }

    @Test
    void neitherTokenPrintsItsCredentials() {
        OperatorAuthenticationToken token = OperatorAuthenticationToken.unauthenticated("op-1", Secret.ofUtf8(PASSWORD), "123456", null, null);
        assertThat(token.toString()).contains("op-1").doesNotContain(PASSWORD).doesNotContain("123456");
        assertThat(String.valueOf(token.getCredentials())).doesNotContain(PASSWORD);
    }

    @Test
    void aRequestIsNeverAuthenticated() {
        OperatorAuthenticationToken token = OperatorAuthenticationToken.unauthenticated("op-1", Secret.ofUtf8(PASSWORD), "123456", null, null);
        assertThat(token.isAuthenticated()).isFalse();
        assertThatThrownBy(() -> token.setAuthenticated(true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProvidersTakeOnlyTheirOwnTokens() {
        OperatorAuthenticationProvider password = new OperatorAuthenticationProvider(null);
        OperatorPasskeyAuthenticationProvider passkey = new OperatorPasskeyAuthenticationProvider(null);
        assertThat(password.supports(OperatorAuthenticationToken.class)).isTrue();
        assertThat(password.supports(OperatorPasskeyAuthenticationToken.class)).isFalse();
        assertThat(password.supports(UsernamePasswordAuthenticationToken.class)).isFalse();
        assertThat(passkey.supports(OperatorPasskeyAuthenticationToken.class)).isTrue();
        assertThat(passkey.supports(OperatorAuthenticationToken.class)).isFalse();
        assertThat(passkey.supports(UsernamePasswordAuthenticationToken.class)).isFalse();
    }

    @Test
    void busyIsAnAuthenticationServiceException() {
        assertThat(new OperatorSignInBusyException()).isInstanceOf(AuthenticationServiceException.class)
                .hasMessageNotContaining(PASSWORD);
    }
}
