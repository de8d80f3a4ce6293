package org.vaultmail.gateway.webhooks;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.gateway.apikeys.ApiKeyAuthentication;
import org.vaultmail.gateway.apikeys.ApiScope;

/** Whose endpoints a request manages: the signed-in user's, or those of an API key's owner when the key has {@code webhooks}. */
final class WebhookOwners {

    private WebhookOwners() {
    }

    static WebhookService.Owner of(Authentication authentication, HttpServletRequest request) {
        if (authentication.getPrincipal() instanceof AuthenticatedSession me) {
            return new WebhookService.Owner(me.userId(), me.address(), request.getRemoteAddr());
        }
        if (authentication instanceof ApiKeyAuthentication key) {
            if (!key.getPrincipal().has(ApiScope.WEBHOOKS)) {
                throw new AccessDeniedException("problem.webhook.noScope"); // a message key: WebhookApiController
            }
            return new WebhookService.Owner(key.getPrincipal().userId(), key.getPrincipal().ownerAddress(), request.getRemoteAddr());
        }
        throw new AccessDeniedException("problem.webhook.signIn");
    }
}
