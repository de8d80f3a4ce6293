package org.vaultmail.oauth.config;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.ProviderKind;

/**
 * The real endpoints of Google and Microsoft (from their OpenID discovery documents), used where the operator set none.
 * A generic provider has no defaults: every endpoint must be configured.
 */
record ProviderDefaults(String displayName, @Nullable String authorizationUri, @Nullable String tokenUri,
                        @Nullable String jwkSetUri, @Nullable String issuer, @Nullable String revocationUri,
                        @Nullable String sendApiBase, Set<OAuthPurpose> purposes) {

    /** Microsoft's multi-tenant endpoints put the account's tenant in {@code iss}: checked against the {@code tid} claim. */
    static final String TENANT_PLACEHOLDER = "{tenantid}";
    private static final String MICROSOFT = "https://login.microsoftonline.com/";

    static ProviderDefaults of(ProviderKind kind, @Nullable String tenant) {
        return switch (kind) {
            case GOOGLE -> new ProviderDefaults("Google", "https://accounts.google.com/o/oauth2/v2/auth",
                    "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v3/certs",
                    "https://accounts.google.com", "https://oauth2.googleapis.com/revoke", "https://gmail.googleapis.com",
                    EnumSet.allOf(OAuthPurpose.class));
            case MICROSOFT -> {
                String t = tenant == null || tenant.isBlank() ? "common" : tenant.strip();
                boolean multiTenant = t.equals("common") || t.equals("organizations") || t.equals("consumers");
                yield new ProviderDefaults("Microsoft", MICROSOFT + t + "/oauth2/v2.0/authorize",
                        MICROSOFT + t + "/oauth2/v2.0/token", MICROSOFT + t + "/discovery/v2.0/keys",
                        MICROSOFT + (multiTenant ? TENANT_PLACEHOLDER : t) + "/v2.0", null, "https://graph.microsoft.com",
                        EnumSet.allOf(OAuthPurpose.class));
            }
            case GENERIC -> new ProviderDefaults("OAuth", null, null, null, null, null, null,
                    EnumSet.of(OAuthPurpose.MAIL, OAuthPurpose.MIGRATION_SOURCE));
        };
    }
}
