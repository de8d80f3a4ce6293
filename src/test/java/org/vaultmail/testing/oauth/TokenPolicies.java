package org.vaultmail.testing.oauth;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.vaultmail.oauth.OAuthScopes;

/**
 * How the tokens look: opaque access tokens (so resource servers and Dovecot must introspect), RS256 ID tokens with
 * {@code email} (the username), the {@code nonce} and {@code auth_time} (unless a test changes the next one), and refresh tokens only where the real provider issues them:
 * Microsoft with {@code offline_access}, Google with {@code access_type=offline}.
 */
final class TokenPolicies {

    private TokenPolicies() {
    }

    static OAuth2TokenGenerator<OAuth2Token> generator(JwtEncoder jwtEncoder, ServerControls controls) {
        JwtGenerator idTokens = new JwtGenerator(jwtEncoder);
        idTokens.setJwtCustomizer(context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                Authentication user = context.getPrincipal();
                context.getClaims().claim("email", user.getName());
                // how each provider vouches for the address: Microsoft with the optional claim xms_edov (its ID
                // tokens have no email_verified), the others with email_verified (LocalAuthorizationServer#nextEmailVerified)
                boolean microsoft = TestClients.MICROSOFT.equals(context.getRegisteredClient().getClientId());
                if (controls.takeEmailVerified(user.getName()) == ServerControls.EmailVerified.REAL) {
                    context.getClaims().claim(microsoft ? "xms_edov" : "email_verified", true);
                }
                // LocalAuthorizationServer#nextSubject: another account at the provider that shows the same email
                String subject = controls.takeSubject(user.getName());
                if (subject != null) context.getClaims().subject(subject);
                // a test's LocalAuthorizationServer#nextAuthTime: a provider that did not sign the user in again
                switch (controls.takeAuthTime(user.getName())) {
                    case STALE -> context.getClaims().claim("auth_time", java.util.Date.from(Instant.now().minus(Duration.ofHours(1))));
                    case MISSING -> context.getClaims().claims(claims -> claims.remove("auth_time"));
                    case REAL -> { }
                }
            }
        });
        OAuth2RefreshTokenGenerator refreshTokens = new OAuth2RefreshTokenGenerator();
        OAuth2TokenGenerator<OAuth2RefreshToken> providerRefreshTokens =
                context -> issuesRefreshToken(context) ? refreshTokens.generate(context) : null;
        OAuth2TokenGenerator<OAuth2Token> all = new DelegatingOAuth2TokenGenerator(idTokens, new OAuth2AccessTokenGenerator(),
                providerRefreshTokens);
        return context -> { // remembered for canary tests (LocalAuthorizationServer#lastIssued)
            OAuth2Token token = all.generate(context);
            if (token != null && context.getPrincipal() != null) {
                controls.issued(context.getPrincipal().getName(), context.getTokenType().getValue(), token.getTokenValue());
            }
            return token;
        };
    }

    private static boolean issuesRefreshToken(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) return false;
        return switch (context.getRegisteredClient().getClientId()) {
            case TestClients.MICROSOFT -> context.getAuthorizedScopes().contains(OAuthScopes.OFFLINE_ACCESS);
            case TestClients.GOOGLE -> "offline".equals(accessType(context.getAuthorization()));
            default -> true;
        };
    }

    private static @Nullable Object accessType(@Nullable OAuth2Authorization authorization) {
        if (authorization == null) return null;
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return request == null ? null : request.getAdditionalParameters().get("access_type");
    }
}
