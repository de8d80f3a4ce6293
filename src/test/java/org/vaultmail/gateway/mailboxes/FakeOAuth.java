package org.vaultmail.gateway.mailboxes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.vault.Secret;

/**
 * In-memory stand-ins for the oauth module's grants, tokens and flows ({@code @Primary} over the real beans), for
 * the connect flow's own tests (the providers are real configuration, {@link OAuthMailboxesTestSupport}): grants kept
 * in a map; a flow "start" that finishes at once as the account {@link #nextEmail} with the outcome
 * {@link #nextFailure} (the browser then lands where the handler says, as after the real round trip).
 * Deliberately not annotated: passed with {@code @Import}, so component scanning never adds it elsewhere.
 */
public class FakeOAuth {

    static final OAuthProvider GOOGLE = provider("google", ProviderKind.GOOGLE, "Google", URI.create("https://as.test/revoke"));
    static final OAuthProvider MICROSOFT = provider("microsoft", ProviderKind.MICROSOFT, "Microsoft 365", null);

    /** The two providers as configuration ({@code vaultmail.oauth.providers.*}), purpose send only. */
    static void providerProperties(org.springframework.test.context.DynamicPropertyRegistry registry) {
        java.nio.file.Path secret;
        try {
            secret = java.nio.file.Files.createTempFile("oauth-send-client", ".secret");
            java.nio.file.Files.writeString(secret, "CANARY-client-secret-9d2e");
            secret.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (OAuthProvider p : List.of(GOOGLE, MICROSOFT)) {
            String k = "vaultmail.oauth.providers." + p.id() + ".";
            registry.add(k + "kind", () -> p.kind().name().toLowerCase(java.util.Locale.ROOT));
            registry.add(k + "display-name", p::displayName);
            registry.add(k + "client-id", p::clientId);
            registry.add(k + "client-secret-file", secret::toString);
            registry.add(k + "purposes[0]", () -> "send");
        }
    }

    /** The grants, the calls made, and what the next "flow" answers. */
    public static final class State {
        final Map<Long, GrantView> grants = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong(1000);
        volatile String nextEmail = "sender-g@gmail.test";
        volatile org.vaultmail.oauth.OAuthFailure.@Nullable Reason nextFailure;
        volatile @Nullable Map<String, String> lastContext;
    }

    static OAuthProvider provider(String id, ProviderKind kind, String name, @Nullable URI revocation) {
        return new OAuthProvider(id, kind, name, id + "-client", URI.create("https://as.test/authorize"),
                URI.create("https://as.test/token"), URI.create("https://as.test/jwks"), "https://as.test", revocation,
                URI.create("http://127.0.0.1:9/"), List.of(), List.of(), Set.of(OAuthPurpose.SEND));
    }

    static CompletedAuthorization authorization(OAuthProvider provider, String email, Map<String, String> context) {
        return new CompletedAuthorization(provider, OAuthPurpose.SEND, context, "sub-" + email, email,
                new TokenSet(Secret.ofUtf8("CANARY-access-" + email), Secret.ofUtf8("CANARY-refresh-" + email),
                        Instant.now().plusSeconds(3600), provider.scopes(OAuthPurpose.SEND)));
    }

    @Bean
    State fakeOAuthState() {
        return new State();
    }

    @Bean
    @Primary
    OAuthGrants fakeOAuthGrants(State state) {
        return new OAuthGrants() {
            @Override
            public long store(long userId, CompletedAuthorization a) {
                long id = state.ids.incrementAndGet();
                state.grants.put(id, new GrantView(id, userId, a.provider().id(), a.purpose(), a.email(), a.tokens().scopes(),
                        GrantView.State.ACTIVE, Instant.now(), null, null, null));
                state.calls.add("store " + id);
                return id;
            }

            @Override
            public AccessTokenSource accessTokens(long grantId) {
                throw new UnsupportedOperationException("no sending in the connect tests");
            }

            @Override
            public void replace(long grantId, CompletedAuthorization a) {
                state.calls.add("replace " + grantId);
            }

            @Override
            public Revocation delete(long grantId) {
                GrantView g = state.grants.remove(grantId);
                state.calls.add("delete " + grantId);
                return g != null && g.providerId().equals("google") ? Revocation.REVOKED : Revocation.NOT_SUPPORTED;
            }

            @Override
            public Optional<GrantView> find(long grantId) {
                return Optional.ofNullable(state.grants.get(grantId));
            }
        };
    }

    @Bean
    @Primary
    OAuthTokens fakeOAuthTokens(State state) {
        return new OAuthTokens() {
            @Override
            public TokenSet refresh(String providerId, OAuthPurpose purpose, Secret refreshToken) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Revocation revoke(String providerId, Secret token) {
                state.calls.add("revoke " + providerId);
                return Revocation.REVOKED;
            }
        };
    }

    /** Finishes the flow at once through the real handler, as the oauth module's callback would. */
    @Bean
    @Primary
    OAuthFlows fakeOAuthFlows(State state, List<OAuthCallbackHandler> handlers, OAuthProviders providers) {
        // the real providers, configured as GOOGLE and MICROSOFT above
        return new OAuthFlows() {
            @Override
            public URI start(String providerId, OAuthPurpose purpose, String flow, Map<String, String> context,
                             @Nullable String loginHint, HttpServletRequest request, HttpServletResponse response) {
                state.lastContext = context;
                OAuthCallbackHandler handler = handlers.stream().filter(h -> h.flow().equals(flow)).findFirst().orElseThrow();
                OAuthProvider provider = providers.find(providerId).orElseThrow();
                if (state.nextFailure != null) {
                    return URI.create(handler.failed(new org.vaultmail.oauth.OAuthFailure(provider, purpose, context,
                            state.nextFailure), request, response));
                }
                return URI.create(handler.complete(authorization(provider, state.nextEmail, context), request, response));
            }

            @Override
            public URI reauthenticate(String providerId, String flow, Map<String, String> context, String loginHint,
                                      HttpServletRequest request, HttpServletResponse response) {
                return start(providerId, OAuthPurpose.MAIL, flow, context, loginHint, request, response);
            }
        };
    }
}
