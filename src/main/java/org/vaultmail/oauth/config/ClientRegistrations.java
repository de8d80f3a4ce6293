package org.vaultmail.oauth.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;

/**
 * Spring Security client registrations, one per provider and purpose ({@code google-send}, {@code microsoft-mail}, …),
 * each with exactly the scopes of {@link OAuthProvider#scopes}. Deliberately no {@link ClientRegistrationRepository}
 * bean: Spring Boot would build an OAuth2 login of its own around one, and a registration prints its client secret in
 * {@code toString()}, so none leaves this module.
 */
public final class ClientRegistrations {

    /** A registration and what it was built from. */
    public record Registered(OAuthProvider provider, OAuthPurpose purpose, ClientRegistration registration) {
        @Override
        public String toString() {
            return "Registered[" + registration.getRegistrationId() + "]";
        }
    }

    private final Map<String, Registered> byId;

    /** @param redirectUri the callback template ({@link OAuthProperties#redirectUriTemplate()}) */
    public ClientRegistrations(OAuthProviders providers, ClientSecrets secrets, String redirectUri) {
        Map<String, Registered> map = new LinkedHashMap<>();
        for (OAuthProvider p : providers.all()) {
            for (OAuthPurpose purpose : OAuthPurpose.values()) {
                if (!p.purposes().contains(purpose)) continue;
                map.put(p.registrationId(purpose), new Registered(p, purpose, build(p, purpose, secrets, redirectUri)));
            }
        }
        byId = Map.copyOf(map);
    }

    private static ClientRegistration build(OAuthProvider p, OAuthPurpose purpose, ClientSecrets secrets, String redirectUri) {
        return ClientRegistration.withRegistrationId(p.registrationId(purpose))
                .clientId(p.clientId())
                .clientSecret(secrets.of(p.id()).revealUtf8())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(p.scopes(purpose))
                .authorizationUri(p.authorizationUri().toString())
                .tokenUri(p.tokenUri().toString())
                .jwkSetUri(p.jwkSetUri().toString())
                // a multi-tenant Microsoft issuer has a placeholder: checked against tid by IdTokenDecoders instead
                .issuerUri(p.issuer().contains(ProviderDefaults.TENANT_PLACEHOLDER) ? null : p.issuer())
                .userNameAttributeName("sub")
                .clientName(p.displayName())
                .build();
    }

    public Optional<Registered> find(String registrationId) {
        return Optional.ofNullable(byId.get(registrationId));
    }

    public Registered get(OAuthProvider provider, OAuthPurpose purpose) {
        Registered r = byId.get(provider.registrationId(purpose));
        if (r == null) {
            throw new IllegalArgumentException("OAuth provider " + provider.id() + " does not offer " + purpose.label());
        }
        return r;
    }

    /** For Spring's request resolver: a repository view that is no bean (see the class comment). */
    public ClientRegistrationRepository repository() {
        return registrationId -> {
            Registered r = byId.get(registrationId);
            return r == null ? null : r.registration();
        };
    }

    /** The issuer with Microsoft's {@code {tenantid}} placeholder, or null when the issuer is fixed. */
    public static @Nullable String tenantIssuerTemplate(OAuthProvider provider) {
        return provider.issuer().contains(ProviderDefaults.TENANT_PLACEHOLDER) ? provider.issuer() : null;
    }

    public static String tenantPlaceholder() {
        return ProviderDefaults.TENANT_PLACEHOLDER;
    }

    @Override
    public String toString() {
        return "ClientRegistrations" + byId.keySet();
    }
}
