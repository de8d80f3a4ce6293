package org.vaultmail.admin.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionFixationProtectionStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.vaultmail.admin.operators.OperatorAuthenticationProvider;
import org.vaultmail.admin.operators.OperatorAuthenticator;
import org.vaultmail.admin.operators.OperatorPasskeyAuthenticationProvider;
import org.vaultmail.admin.operators.OperatorPasskeySignIn;

/**
 * Console sign-in through Spring Security (ADR 0055): a {@link ProviderManager} with only the operators' two providers
 * (password + code, the passkey step), then the session Spring's way: a fresh session with a new id (fixation
 * protection without migrating the pre-sign-in attributes, so the old id and its CSRF token are dead) and the context
 * saved by the {@link HttpSessionSecurityContextRepository}. The manager is no bean: the users' chains never see it.
 */
@Component
class OperatorSignIns {

    private final AuthenticationManager manager;
    private final SessionAuthenticationStrategy sessions;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    OperatorSignIns(OperatorAuthenticator authenticator, OperatorPasskeySignIn passkeySignIn, ApplicationEventPublisher events) {
        ProviderManager providers = new ProviderManager(List.of(new OperatorAuthenticationProvider(authenticator),
                new OperatorPasskeyAuthenticationProvider(passkeySignIn)));
        // Spring's success and failure events (for any listener, e.g. metrics); they carry no credentials (tested)
        providers.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        this.manager = providers;
        SessionFixationProtectionStrategy fixation = new SessionFixationProtectionStrategy();
        fixation.setMigrateSessionAttributes(false); // a fresh session, as before: nothing of the pre-sign-in one carries over
        this.sessions = fixation;
    }

    /** The signed-in operator, or an {@code AuthenticationException}; the request's credentials are erased either way. */
    Authentication authenticate(Authentication request) {
        try {
            return manager.authenticate(request);
        } finally {
            if (request instanceof org.springframework.security.core.CredentialsContainer c) c.eraseCredentials();
        }
    }

    /** Opens the operator's console session: a new session id, the context in it. */
    void establish(Authentication operator, HttpServletRequest request, HttpServletResponse response) {
        sessions.onAuthentication(operator, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(operator);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
