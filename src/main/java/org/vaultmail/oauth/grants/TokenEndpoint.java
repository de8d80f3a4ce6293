package org.vaultmail.oauth.grants;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.oauth.config.ClientSecrets;
import org.vaultmail.oauth.config.TokenHttp;
import org.vaultmail.vault.Secret;

/**
 * The token endpoint's refresh grant (Spring's {@link RestClientRefreshTokenTokenResponseClient}) and RFC 7009
 * revocation. Failures come back as {@link Failure} with the OAuth error code only: neither a token nor the provider's
 * description (which may quote one) reaches a message.
 */
final class TokenEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    /** The refresh failed; {@code invalidGrant} when the provider no longer honours the refresh token. */
    static final class Failure extends Exception {
        final String errorCode;

        Failure(String errorCode) {
            super(errorCode, null, false, false);
            this.errorCode = errorCode;
        }

        boolean invalidGrant() {
            return errorCode.equals("invalid_grant");
        }
    }

    private final RestClientRefreshTokenTokenResponseClient refresh;
    private final RestClient plain;
    private final ClientSecrets secrets;

    TokenEndpoint(TokenHttp http, ClientSecrets secrets) {
        this.refresh = http.refresh();
        this.plain = http.plain();
        this.secrets = secrets;
    }

    /**
     * A refresh grant. The result's refresh token is non-null only when the provider rotated it (Spring copies the old
     * one into a response without one; that copy is dropped here).
     */
    TokenSet refresh(ClientRegistration registration, Secret refreshToken, Set<String> scopes, Instant now) throws Failure {
        String old = refreshToken.revealUtf8();
        // the refresh grant needs an access token object only for its scopes; its value is never sent
        OAuth2AccessToken placeholder = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired",
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1), scopes);
        OAuth2AccessTokenResponse response;
        try {
            response = refresh.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration, placeholder,
                    new OAuth2RefreshToken(old, null)));
        } catch (OAuth2AuthorizationException e) {
            String code = e.getError().getErrorCode();
            log.info("OAuth refresh for {} failed: {}", registration.getRegistrationId(), code);
            throw new Failure(code);
        } catch (RuntimeException e) {
            log.info("OAuth refresh for {} failed: {}", registration.getRegistrationId(), e.getClass().getSimpleName());
            throw new Failure("unavailable");
        }
        OAuth2AccessToken access = response.getAccessToken();
        @Nullable OAuth2RefreshToken next = response.getRefreshToken();
        boolean rotated = next != null && !next.getTokenValue().equals(old);
        Instant expires = access.getExpiresAt() == null ? now.plusSeconds(3600) : access.getExpiresAt();
        return new TokenSet(Secret.ofUtf8(access.getTokenValue()), rotated ? Secret.ofUtf8(next.getTokenValue()) : null,
                expires, access.getScopes().isEmpty() ? scopes : access.getScopes());
    }

    /** RFC 7009: POST token (with its type hint) and the client's credentials; NOT_SUPPORTED without an endpoint. */
    Revocation revoke(OAuthProvider provider, Secret token, String typeHint) {
        if (provider.revocationUri() == null) return Revocation.NOT_SUPPORTED;
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token.revealUtf8());
        form.add("token_type_hint", typeHint);
        try {
            var status = plain.post().uri(provider.revocationUri())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(HttpHeaders.AUTHORIZATION, basic(provider))
                    .body(form)
                    .retrieve()
                    .onStatus(s -> true, (req, res) -> { })
                    .toBodilessEntity()
                    .getStatusCode();
            if (status.is2xxSuccessful()) return Revocation.REVOKED;
            log.info("OAuth revocation at {} answered {}", provider.id(), status.value());
            return Revocation.FAILED;
        } catch (RuntimeException e) {
            log.info("OAuth revocation at {} failed: {}", provider.id(), e.getClass().getSimpleName());
            return Revocation.FAILED;
        }
    }

    /** RFC 6749 2.3.1: client id and secret form-encoded, then Basic. */
    private String basic(OAuthProvider provider) {
        String pair = URLEncoder.encode(provider.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secrets.of(provider.id()).revealUtf8(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TokenEndpoint";
    }
}
