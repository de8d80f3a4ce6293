package org.vaultmail.oauth.flow;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.config.TokenHttp;

/**
 * The code exchange on Spring Security's {@link OidcAuthorizationCodeAuthenticationProvider}: the token request with
 * the PKCE verifier, then the ID token's signature, issuer, audience, expiry and nonce ({@link IdTokenDecoders}).
 * No user info call: everything needed is in the ID token.
 */
final class CodeExchange {

    private static final Logger log = LoggerFactory.getLogger(CodeExchange.class);

    /** The tokens of a successful exchange (Spring's types; copied into {@code Secret}s by the caller at once). */
    record Exchanged(OidcIdToken idToken, OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken) {
        @Override
        public String toString() {
            return "Exchanged[PROTECTED]";
        }
    }

    /** What went wrong, as the handler is told. */
    static final class Failed extends Exception {
        final OAuthFailure.Reason reason;

        Failed(OAuthFailure.Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    private final OidcAuthorizationCodeAuthenticationProvider provider;

    CodeExchange(TokenHttp http, IdTokenDecoders decoders) {
        provider = new OidcAuthorizationCodeAuthenticationProvider(http.codeExchange(),
                request -> (OidcUser) new DefaultOidcUser(List.of(), request.getIdToken()));
        provider.setJwtDecoderFactory(decoders);
    }

    Exchanged exchange(ClientRegistration registration, OAuth2AuthorizationRequest request,
                       OAuth2AuthorizationResponse response) throws Failed {
        try {
            var result = (OAuth2LoginAuthenticationToken) provider.authenticate(new OAuth2LoginAuthenticationToken(
                    registration, new OAuth2AuthorizationExchange(request, response)));
            if (result == null || !(result.getPrincipal() instanceof OidcUser user)) {
                throw new Failed(OAuthFailure.Reason.ID_TOKEN_INVALID);
            }
            return new Exchanged(user.getIdToken(), result.getAccessToken(), result.getRefreshToken());
        } catch (OAuth2AuthenticationException e) {
            String code = e.getError().getErrorCode();
            // the error code only: descriptions may quote what the provider received
            log.info("OAuth code exchange for {} failed: {}", registration.getRegistrationId(), code);
            throw new Failed(code.equals("invalid_id_token") || code.equals("invalid_nonce")
                    ? OAuthFailure.Reason.ID_TOKEN_INVALID : OAuthFailure.Reason.EXCHANGE_FAILED);
        } catch (AuthenticationException | IllegalArgumentException | IllegalStateException e) {
            log.info("OAuth code exchange for {} failed: {}", registration.getRegistrationId(), e.getClass().getSimpleName());
            throw new Failed(OAuthFailure.Reason.EXCHANGE_FAILED);
        }
    }
}
