package org.vaultmail.oauth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One provider the operator configured ({@code vaultmail.oauth.providers.<id>}): its endpoints (Google's and
 * Microsoft's by default, overridable so a self-hosted authorization server or a test double stands in), the client
 * id (the secret stays inside this module: it is read from a file and never leaves it), the send API base for
 * {@link OAuthPurpose#SEND}, and the configured mail domains whose users sign in with it.
 *
 * @param id               the configuration key and the first part of registration ids ({@code google}, {@code microsoft}, …)
 * @param kind             decides scopes and the send API
 * @param displayName      shown on buttons ("Sign in with Google")
 * @param clientId         the registered application's client id
 * @param authorizationUri the authorization endpoint
 * @param tokenUri         the token endpoint
 * @param jwkSetUri        the ID token signing keys
 * @param issuer           the ID token's expected {@code iss}
 * @param revocationUri    RFC 7009 revocation endpoint, or null where the provider has none (Microsoft)
 * @param sendApiBase      the Gmail API ({@code https://gmail.googleapis.com}) or Graph ({@code https://graph.microsoft.com})
 *                         base; null for {@link ProviderKind#GENERIC}
 * @param domains          configured mail domains that sign in with this provider (lower case)
 * @param mailScopes       for {@link ProviderKind#GENERIC}: the scopes its IMAP/SMTP servers accept; empty otherwise
 * @param purposes         the purposes the operator enabled for this provider
 */
public record OAuthProvider(String id, ProviderKind kind, String displayName, String clientId, URI authorizationUri,
                            URI tokenUri, URI jwkSetUri, String issuer, @Nullable URI revocationUri,
                            @Nullable URI sendApiBase, List<String> domains, List<String> mailScopes,
                            Set<OAuthPurpose> purposes) {

    /** The exact scopes for a purpose ({@link OAuthScopes}). */
    public Set<String> scopes(OAuthPurpose purpose) {
        return OAuthScopes.of(kind, purpose, mailScopes);
    }

    /** The Spring Security client registration id for a purpose: {@code <id>-<purpose label>}. */
    public String registrationId(OAuthPurpose purpose) {
        return id + "-" + purpose.label();
    }

    public boolean signsIn(String domain) {
        return domains.contains(domain.toLowerCase(Locale.ROOT));
    }
}
