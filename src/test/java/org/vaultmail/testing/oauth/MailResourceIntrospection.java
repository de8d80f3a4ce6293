package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.vaultmail.oauth.OAuthScopes;

/**
 * Introspection answers per resource server (RFC 7662 section 2.2: a token the asking resource may not accept is
 * {@code active: false} to it): to the mail server (client {@code dovecot}) a token is active only if it holds a mail
 * scope ({@code https://mail.google.com/}, Outlook's IMAP or SMTP scope), as Gmail's and Outlook's own IMAP/SMTP
 * servers refuse a {@code gmail.send} or Graph {@code Mail.Send} token. Needed because Dovecot 2.3's own scope check
 * wants every listed scope and ends the passdb chain at a mismatch, so it cannot say "any one of these".
 */
final class MailResourceIntrospection implements AuthenticationSuccessHandler {

    static final Set<String> MAIL_SCOPES = Set.of(OAuthScopes.GOOGLE_MAIL, OAuthScopes.OUTLOOK_IMAP, OAuthScopes.OUTLOOK_SMTP);

    private final OAuth2TokenIntrospectionHttpMessageConverter converter = new OAuth2TokenIntrospectionHttpMessageConverter();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2TokenIntrospectionAuthenticationToken result = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        OAuth2TokenIntrospection claims = result.getTokenClaims();
        if (claims.isActive() && isMailServer(result.getPrincipal()) && Collections.disjoint(claims.getScopes(), MAIL_SCOPES)) {
            claims = OAuth2TokenIntrospection.builder(false).build();
        }
        converter.write(claims, null, new ServletServerHttpResponse(response));
    }

    private static boolean isMailServer(Object principal) {
        return principal instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null
                && TestClients.DOVECOT.equals(client.getRegisteredClient().getClientId());
    }
}
