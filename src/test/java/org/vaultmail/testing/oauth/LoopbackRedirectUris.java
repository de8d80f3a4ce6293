package org.vaultmail.testing.oauth;

import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Accepts Vaultmail's callback on any loopback port, as {@code 127.0.0.1} or {@code localhost}
 * ({@code http://127.0.0.1:<port>/oauth/callback/<registrationId>}): test nodes listen on random ports. Spring
 * Authorization Server's own rule (RFC 8252 section 7.3) ignores the port for loopback IPs but refuses
 * {@code localhost}; anything that is not a loopback callback is refused.
 */
final class LoopbackRedirectUris implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!acceptable(request.getRedirectUri())) {
            // no redirect to an unacceptable URI: the error is shown by the server itself
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is not a loopback Vaultmail callback",
                            null), null);
        }
    }

    static boolean acceptable(String redirectUri) {
        if (redirectUri == null) return false;
        try {
            URI uri = new URI(redirectUri);
            return "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost())
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/oauth/callback/")
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
