package org.vaultmail.testing.oauth;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Applies a test's {@link LocalAuthorizationServer#grantOnly} to a signed-in user's next authorization request: the
 * user grants only some of the requested scopes, as a Google user may untick a box on the consent screen; or
 * ({@link LocalAuthorizationServer#denyNext}) denies the request altogether, as with "Cancel" there.
 */
final class GrantOnlyConverter implements AuthenticationConverter {

    private final AuthenticationConverter delegate;
    private final ServerControls controls;

    GrantOnlyConverter(AuthenticationConverter delegate, ServerControls controls) {
        this.delegate = delegate;
        this.controls = controls;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Authentication converted = delegate.convert(request);
        if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken code)
                || !(code.getPrincipal() instanceof Authentication user) || !user.isAuthenticated()
                || user instanceof AnonymousAuthenticationToken) {
            return converted;
        }
        if (controls.takeDeny(user.getName())) {
            // the endpoint's error handler redirects this to the client's redirect URI with the request's state
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "The user denied the request.", null), code);
        }
        Set<String> only = controls.takeGrantOnly(user.getName());
        if (only == null) return converted;
        Set<String> granted = new LinkedHashSet<>(code.getScopes());
        granted.retainAll(only);
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(code.getAuthorizationUri(), code.getClientId(), user,
                code.getRedirectUri(), code.getState(), granted, code.getAdditionalParameters());
    }
}
