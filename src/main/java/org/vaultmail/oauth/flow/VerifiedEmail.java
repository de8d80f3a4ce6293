package org.vaultmail.oauth.flow;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.vaultmail.oauth.ProviderKind;

/**
 * Whether the provider vouches for the ID token's {@code email} as the account's own address (ADR 0045 amendment).
 * Google and OpenID Connect say so with {@code email_verified=true}; an absent claim is not a yes. Microsoft's
 * {@code email} is the directory's {@code mail} attribute, which an administrator of <em>any</em> tenant can set to
 * any address (the "nOAuth" account confusion), and its ID tokens carry no {@code email_verified}: only the optional
 * claim {@code xms_edov=true} (the address's domain is verified by the account's tenant) vouches for it.
 */
final class VerifiedEmail {

    static final String MICROSOFT_DOMAIN_OWNER_VERIFIED = "xms_edov";

    private VerifiedEmail() {
    }

    static boolean vouchedFor(ProviderKind kind, OidcIdToken token) {
        return switch (kind) {
            case MICROSOFT -> isTrue(token.getClaim(MICROSOFT_DOMAIN_OWNER_VERIFIED));
            case GOOGLE, GENERIC -> Boolean.TRUE.equals(token.getEmailVerified());
        };
    }

    /** Microsoft documents a boolean; a string form ("true", "1") is accepted in case a proxy re-encodes claims. */
    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value) || "1".equals(value)
                || (value instanceof Number n && n.intValue() == 1);
    }
}
