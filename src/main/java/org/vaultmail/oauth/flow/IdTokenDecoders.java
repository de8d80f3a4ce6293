package org.vaultmail.oauth.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.oauth.config.TokenHttp;

/**
 * ID token decoders per registration, like Spring's {@link OidcIdTokenDecoderFactory} (its validators: signature from
 * the provider's key set, {@code iss}, {@code aud}, {@code azp}, {@code exp}, {@code iat}) but fetching the keys with
 * timeouts, and for Microsoft's multi-tenant endpoints checking {@code iss} against the token's own {@code tid}
 * (its issuer names the account's tenant). The nonce is checked by the authentication provider.
 */
final class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private final TokenHttp http;
    private final ClientRegistrations registrations;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    IdTokenDecoders(TokenHttp http, ClientRegistrations registrations) {
        this.http = http;
        this.registrations = registrations;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        return decoders.computeIfAbsent(registration.getRegistrationId(), id -> build(registration));
    }

    private JwtDecoder build(ClientRegistration registration) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .jwsAlgorithms(a -> {
                    a.add(SignatureAlgorithm.RS256);
                    a.add(SignatureAlgorithm.ES256);
                })
                .restOperations(http.jwkSet())
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new OidcIdTokenValidator(registration));
        String template = registrations.find(registration.getRegistrationId())
                .map(r -> ClientRegistrations.tenantIssuerTemplate(r.provider())).orElse(null);
        if (template != null) validator = new DelegatingOAuth2TokenValidator<>(validator, tenantIssuer(template));
        decoder.setJwtValidator(validator);
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> tenantIssuer(String template) {
        return jwt -> {
            @Nullable String tid = jwt.getClaimAsString("tid");
            String iss = jwt.getClaimAsString("iss");
            boolean ok = tid != null && !tid.isBlank() && !tid.contains("/")
                    && template.replace(ClientRegistrations.tenantPlaceholder(), tid).equals(iss);
            return ok ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token", "issuer does not match tenant", null));
        };
    }
}
