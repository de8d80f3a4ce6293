package org.vaultmail.oauth.flow;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.oauth.config.ClientRegistrations;

/**
 * Starts a flow with Spring Security's {@link DefaultOAuth2AuthorizationRequestResolver}: PKCE S256
 * ({@link OAuth2AuthorizationRequestCustomizers#withPkce()}), a random state, an OpenID nonce (the scopes hold
 * {@code openid}), {@code login_hint}, and for Google {@code access_type=offline&prompt=consent} (its refresh token);
 * a re-authentication asks for identity only, with {@code prompt=login&max_age=0} (ADR 0047).
 * The request is stored server side ({@link PendingRequests}) and bound to this browser ({@link FlowCookie}).
 */
final class AuthorizationStarter implements OAuthFlows {

    private static final int MAX_CONTEXT_ENTRIES = 20;
    private static final int MAX_CONTEXT_CHARS = 2000;

    private final OAuthProviders providers;
    private final ClientRegistrations registrations;
    private final PendingRequests pending;
    private final CallbackHandlers handlers;
    private final Duration lifetime;
    private final Clock clock;

    AuthorizationStarter(OAuthProviders providers, ClientRegistrations registrations, PendingRequests pending,
                         CallbackHandlers handlers, Duration lifetime, Clock clock) {
        this.providers = providers;
        this.registrations = registrations;
        this.pending = pending;
        this.handlers = handlers;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public URI start(String providerId, OAuthPurpose purpose, String flow, Map<String, String> context,
                     @Nullable String loginHint, HttpServletRequest request, HttpServletResponse response) {
        OAuthProvider provider = provider(providerId);
        return begin(provider, purpose, flow, context, request, response, b -> b.additionalParameters(p -> {
            if (loginHint != null && !loginHint.isBlank()) p.put("login_hint", loginHint.strip());
            if (provider.kind() == ProviderKind.GOOGLE) {
                p.put("access_type", "offline");
                p.put("prompt", "consent");
            }
        }));
    }

    /**
     * Identity scopes only, and OpenID Connect's {@code prompt=login} with {@code max_age=0} (Core 1.0 §3.1.2.1): the
     * user signs in again at the provider, and the ID token must carry {@code auth_time}. No {@code access_type=offline}
     * and no {@code offline_access}: nothing is kept from this flow but the proof.
     */
    @Override
    public URI reauthenticate(String providerId, String flow, Map<String, String> context, String loginHint,
                              HttpServletRequest request, HttpServletResponse response) {
        OAuthProvider provider = provider(providerId);
        if (!provider.purposes().contains(OAuthPurpose.MAIL)) {
            throw new IllegalArgumentException("OAuth provider " + providerId + " does not sign users in");
        }
        return begin(provider, OAuthPurpose.MAIL, flow, context, request, response, b -> b
                .scopes(OAuthScopes.identity())
                .additionalParameters(p -> {
                    if (!loginHint.isBlank()) p.put("login_hint", loginHint.strip());
                    p.put("prompt", "login");
                    p.put("max_age", "0");
                }));
    }

    private OAuthProvider provider(String providerId) {
        return providers.find(providerId).orElseThrow(() -> new IllegalArgumentException("no OAuth provider " + providerId));
    }

    private URI begin(OAuthProvider provider, OAuthPurpose purpose, String flow, Map<String, String> context,
                      HttpServletRequest request, HttpServletResponse response,
                      Consumer<OAuth2AuthorizationRequest.Builder> parameters) {
        String registrationId = registrations.get(provider, purpose).registration().getRegistrationId();
        if (handlers.find(flow).isEmpty()) throw new IllegalArgumentException("no OAuthCallbackHandler for flow " + flow);
        checkContext(context);
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations.repository());
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce().andThen(parameters));
        OAuth2AuthorizationRequest authorization = resolver.resolve(request, registrationId);
        if (authorization == null) throw new IllegalStateException("no authorization request for " + registrationId);
        String verifier = authorization.getAttribute(PkceParameterNames.CODE_VERIFIER);
        String nonce = authorization.getAttribute(OidcParameterNames.NONCE);
        if (verifier == null || nonce == null) throw new IllegalStateException("PKCE verifier or nonce missing for " + registrationId);
        String browser = FlowCookie.hash(FlowCookie.issue(request, response, lifetime));
        pending.save(new PendingRequest(FlowCookie.hash(authorization.getState()), browser, registrationId,
                authorization.getRedirectUri(), authorization.getScopes(), flow, Map.copyOf(context),
                clock.instant().plus(lifetime)), new FlowSecrets(verifier, nonce));
        return URI.create(authorization.getAuthorizationRequestUri());
    }

    private static void checkContext(Map<String, String> context) {
        int chars = context.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (context.size() > MAX_CONTEXT_ENTRIES || chars > MAX_CONTEXT_CHARS) {
            throw new IllegalArgumentException("an OAuth flow's context holds a few short values, not " + context.size()
                    + " entries of " + chars + " characters");
        }
    }

    @Override
    public String toString() {
        return "AuthorizationStarter";
    }
}
