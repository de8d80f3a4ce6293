package org.vaultmail.oauth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.vaultmail.oauth.ProviderKind;

/**
 * Which ID tokens vouch for their {@code email} (ADR 0045 amendment): Google and generic providers only with
 * {@code email_verified=true} (absent is not a yes), Microsoft only with {@code xms_edov=true} — its
 * {@code email_verified}, if anything sent one, proves nothing about who owns the domain.
 */
class VerifiedEmailTest {

    private static OidcIdToken token(Consumer<OidcIdToken.Builder> claims) {
        OidcIdToken.Builder b = OidcIdToken.withTokenValue("id-token").subject("sub-1").issuer("https://as.example.test")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claim("email", "a@example.test");
        claims.accept(b);
        return b.build();
    }

    @Test
    void googleAndGenericNeedEmailVerifiedTrue() {
        for (ProviderKind kind : new ProviderKind[] {ProviderKind.GOOGLE, ProviderKind.GENERIC}) {
            assertThat(VerifiedEmail.vouchedFor(kind, token(b -> b.claim("email_verified", true)))).isTrue();
            assertThat(VerifiedEmail.vouchedFor(kind, token(b -> b.claim("email_verified", false)))).isFalse();
            assertThat(VerifiedEmail.vouchedFor(kind, token(b -> { }))).as("absent is not a yes").isFalse();
            assertThat(VerifiedEmail.vouchedFor(kind, token(b -> b.claim("xms_edov", true)))).isFalse();
        }
    }

    @Test
    void microsoftNeedsTheDomainOwnerVerifiedClaim() {
        assertThat(VerifiedEmail.vouchedFor(ProviderKind.MICROSOFT, token(b -> b.claim("xms_edov", true)))).isTrue();
        assertThat(VerifiedEmail.vouchedFor(ProviderKind.MICROSOFT, token(b -> b.claim("xms_edov", "1")))).isTrue();
        assertThat(VerifiedEmail.vouchedFor(ProviderKind.MICROSOFT, token(b -> b.claim("xms_edov", false)))).isFalse();
        assertThat(VerifiedEmail.vouchedFor(ProviderKind.MICROSOFT, token(b -> { }))).as("no optional claim").isFalse();
        assertThat(VerifiedEmail.vouchedFor(ProviderKind.MICROSOFT, token(b -> b.claim("email_verified", true))))
                .as("Microsoft's email is a directory attribute any tenant sets").isFalse();
    }
}
