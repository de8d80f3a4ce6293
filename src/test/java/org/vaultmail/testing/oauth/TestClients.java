package org.vaultmail.testing.oauth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.vaultmail.oauth.OAuthScopes;

/**
 * The registered clients, with the providers' real scope strings: {@code google} (refresh tokens reused, like
 * Google), {@code microsoft} (refresh tokens rotated on every use, like Microsoft), {@code dovecot} and
 * {@code api-stubs} (introspection only). Built on each lookup so that a TTL a test sets applies at once.
 */
final class TestClients implements RegisteredClientRepository {

    static final String GOOGLE = "google";
    static final String MICROSOFT = "microsoft";
    static final String DOVECOT = "dovecot";
    static final String API_STUBS = "api-stubs";
    static final Set<String> GOOGLE_SCOPES = Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.GMAIL_SEND,
            OAuthScopes.GOOGLE_MAIL);
    static final Set<String> MICROSOFT_SCOPES = Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL,
            OAuthScopes.OFFLINE_ACCESS, OAuthScopes.GRAPH_MAIL_SEND, OAuthScopes.OUTLOOK_IMAP, OAuthScopes.OUTLOOK_SMTP);
    /** The nominal redirect URI; {@link LoopbackRedirectUris} accepts any loopback port and callback path. */
    static final String REDIRECT_URI = "http://127.0.0.1/oauth/callback/";

    private final ServerControls controls;

    TestClients(ServerControls controls) {
        this.controls = controls;
    }

    static String secret(String clientId) {
        return clientId + "-secret";
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // the clients are fixed; Spring calls this only to re-encode a {noop} secret, which may stay as it is
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return switch (clientId) {
            case GOOGLE -> mailClient(GOOGLE, GOOGLE_SCOPES, true);
            case MICROSOFT -> mailClient(MICROSOFT, MICROSOFT_SCOPES, false);
            case DOVECOT, API_STUBS -> introspectionClient(clientId);
            default -> null;
        };
    }

    private RegisteredClient mailClient(String clientId, Set<String> scopes, boolean reuseRefreshTokens) {
        return RegisteredClient.withId(clientId).clientId(clientId).clientSecret("{noop}" + secret(clientId))
                .clientAuthenticationMethods(m -> m.addAll(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                        ClientAuthenticationMethod.CLIENT_SECRET_POST)))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(REDIRECT_URI)
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(controls.accessTokenTtl())
                        .refreshTokenTimeToLive(Duration.ofDays(30))
                        .reuseRefreshTokens(reuseRefreshTokens)
                        .build())
                .build();
    }

    private static RegisteredClient introspectionClient(String clientId) {
        return RegisteredClient.withId(clientId).clientId(clientId).clientSecret("{noop}" + secret(clientId))
                .clientAuthenticationMethods(m -> m.addAll(List.of(ClientAuthenticationMethod.CLIENT_SECRET_POST,
                        ClientAuthenticationMethod.CLIENT_SECRET_BASIC)))
                // a grant type is mandatory; this client never asks for a token in the tests
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
    }
}
