package org.vaultmail.auth.signin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;

/**
 * Finishes the {@code signin} flow (ADR 0045): a session's cookies and the mailbox, the second step, or the sign-in
 * page with a message. Only a short, fixed code travels in the URL ({@link OAuthSignInPage#MESSAGES}).
 */
final class OAuthSignInCallback implements OAuthCallbackHandler {

    static final String FLOW = "signin";
    static final String REMEMBER = "remember";

    private final OAuthSignIn signIn;
    private final AuthPolicies policies;

    OAuthSignInCallback(OAuthSignIn signIn, AuthPolicies policies) {
        this.signIn = signIn;
        this.policies = policies;
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
        try (authorization) {
            boolean remember = "true".equals(authorization.context().get(REMEMBER));
            return switch (signIn.signIn(authorization, remember, TokenAuthenticationFilter.client(request))) {
                case OAuthSignIn.Result.SignedIn s -> {
                    AuthCookies.set(response, s.issued(), policies.current().rememberIdleTimeout());
                    AuthCookies.clearCsrf(response);
                    yield "/";
                }
                case OAuthSignIn.Result.SecondStep p -> {
                    AuthCookies.setPending(response, p.pendingCookie(), PendingSignIns.LIFETIME);
                    yield "/signin/code";
                }
                case OAuthSignIn.Result.Refused r -> "/signin?oauth=" + OAuthSignInPage.code(r.messageKey());
            };
        }
    }

    @Override
    public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
        return "/signin?oauth=" + switch (failure.reason()) {
            case DENIED -> "denied";
            case SCOPE_NOT_GRANTED -> "scope";
            case EXPIRED -> "expired";
            case EXCHANGE_FAILED, ID_TOKEN_INVALID -> "failed";
        };
    }

    /** For tests: the context a flow of this handler starts with. */
    static Map<String, String> context(boolean remember) {
        return Map.of(REMEMBER, Boolean.toString(remember));
    }
}
