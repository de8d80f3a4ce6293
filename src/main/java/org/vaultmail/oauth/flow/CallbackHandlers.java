package org.vaultmail.oauth.flow;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.vaultmail.oauth.OAuthCallbackHandler;

/** The {@link OAuthCallbackHandler} beans by flow name, looked up late: a handler's feature may itself use OAuthFlows. */
final class CallbackHandlers {

    private final ObjectProvider<OAuthCallbackHandler> handlers;

    CallbackHandlers(ObjectProvider<OAuthCallbackHandler> handlers) {
        this.handlers = handlers;
    }

    Optional<OAuthCallbackHandler> find(String flow) {
        return handlers.orderedStream().filter(h -> h.flow().equals(flow)).findFirst();
    }
}
