package org.vaultmail.oauth.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.vault.Secret;

/**
 * Finishes a flow at the callback. Refused outright (no handler is asked, a plain page answers): a missing, unknown,
 * already used or mismatched state, and a callback from a browser other than the one that started the flow. Otherwise
 * the pending request is consumed (once), and its handler learns the outcome: declined, expired, exchange failed,
 * ID token invalid (or without email), a scope not granted, or the completed authorization.
 */
final class CallbackProcessor {

    private static final Logger log = LoggerFactory.getLogger(CallbackProcessor.class);
    private static final int MAX_STATE = 512;

    /** What the browser gets: a refusal page (message key) or a same-origin continuation to a local path. */
    sealed interface Outcome {
        record Refused(String messageKey) implements Outcome {
        }

        record Continue(String path) implements Outcome {
        }
    }

    static final String UNKNOWN_STATE = "oauth.callback.refused.state";
    static final String OTHER_BROWSER = "oauth.callback.refused.browser";
    static final String NO_HANDLER = "oauth.callback.refused.flow";

    private final ClientRegistrations registrations;
    private final PendingRequests pending;
    private final CallbackHandlers handlers;
    private final CodeExchange exchange;
    private final Clock clock;

    CallbackProcessor(ClientRegistrations registrations, PendingRequests pending, CallbackHandlers handlers,
                      CodeExchange exchange, Clock clock) {
        this.registrations = registrations;
        this.pending = pending;
        this.handlers = handlers;
        this.exchange = exchange;
        this.clock = clock;
    }

    Outcome process(String registrationId, @Nullable String state, @Nullable String code, @Nullable String error,
                    HttpServletRequest request, HttpServletResponse response) {
        if (state == null || state.isBlank() || state.length() > MAX_STATE) return refused(registrationId, UNKNOWN_STATE, "no state");
        String id = FlowCookie.hash(state);
        Optional<PendingRequest> found = pending.find(id);
        if (found.isEmpty() || !found.get().registrationId().equals(registrationId)) {
            return refused(registrationId, UNKNOWN_STATE, "unknown or used state");
        }
        PendingRequest p = found.get();
        String cookie = FlowCookie.read(request);
        // not consumed: the browser that started it may still finish it
        if (cookie == null || !FlowCookie.sameHash(FlowCookie.hash(cookie), p.browser())) {
            return refused(registrationId, OTHER_BROWSER, "other browser");
        }
        var registered = registrations.find(registrationId);
        Optional<OAuthCallbackHandler> handler = handlers.find(p.flow());
        Optional<FlowSecrets> secrets = pending.open(id);
        if (!pending.consume(id)) return refused(registrationId, UNKNOWN_STATE, "state used concurrently");
        if (registered.isEmpty() || secrets.isEmpty()) return refused(registrationId, UNKNOWN_STATE, "registration gone");
        if (handler.isEmpty()) return refused(registrationId, NO_HANDLER, "no handler for flow " + p.flow());
        var r = registered.get();
        if (clock.instant().isAfter(p.expiresAt())) return failed(handler.get(), r, p, OAuthFailure.Reason.EXPIRED, request, response);
        if (error != null) {
            return failed(handler.get(), r, p, error.equals("access_denied") ? OAuthFailure.Reason.DENIED
                    : OAuthFailure.Reason.EXCHANGE_FAILED, request, response);
        }
        if (code == null || code.isBlank()) return failed(handler.get(), r, p, OAuthFailure.Reason.EXCHANGE_FAILED, request, response);
        CodeExchange.Exchanged tokens;
        try {
            tokens = exchange.exchange(r.registration(), authorizationRequest(r, p, state, secrets.get()),
                    OAuth2AuthorizationResponse.success(code).redirectUri(p.redirectUri()).state(state).build());
        } catch (CodeExchange.Failed e) {
            return failed(handler.get(), r, p, e.reason, request, response);
        }
        String email = tokens.idToken().getEmail();
        Boolean verified = tokens.idToken().getEmailVerified();
        if (email == null || email.isBlank() || Boolean.FALSE.equals(verified)) {
            return failed(handler.get(), r, p, OAuthFailure.Reason.ID_TOKEN_INVALID, request, response);
        }
        if (!GrantedScopes.allGranted(r.provider().kind(), p.scopes(), tokens.accessToken().getScopes())) {
            return failed(handler.get(), r, p, OAuthFailure.Reason.SCOPE_NOT_GRANTED, request, response);
        }
        CompletedAuthorization done = new CompletedAuthorization(r.provider(), r.purpose(), p.context(),
                tokens.idToken().getSubject(), email.strip().toLowerCase(Locale.ROOT), tokenSet(tokens, p),
                tokens.idToken().getAuthenticatedAt(), issuer(tokens), VerifiedEmail.vouchedFor(r.provider().kind(), tokens.idToken()));
        try {
            return new Outcome.Continue(local(handler.get().complete(done, request, response)));
        } catch (RuntimeException e) {
            done.close();
            throw e;
        }
    }

    /** The verified {@code iss} as the token says it (for Microsoft's multi-tenant endpoints, the account's tenant). */
    private static String issuer(CodeExchange.Exchanged tokens) {
        Object iss = tokens.idToken().getClaim("iss");
        return iss == null ? "" : iss.toString();
    }

    private TokenSet tokenSet(CodeExchange.Exchanged tokens, PendingRequest p) {
        Instant expires = tokens.accessToken().getExpiresAt();
        return new TokenSet(Secret.ofUtf8(tokens.accessToken().getTokenValue()),
                tokens.refreshToken() == null ? null : Secret.ofUtf8(tokens.refreshToken().getTokenValue()),
                expires == null ? clock.instant().plusSeconds(3600) : expires,
                tokens.accessToken().getScopes().isEmpty() ? p.scopes() : tokens.accessToken().getScopes());
    }

    private static OAuth2AuthorizationRequest authorizationRequest(ClientRegistrations.Registered r, PendingRequest p,
                                                                   String state, FlowSecrets secrets) {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(r.registration().getProviderDetails().getAuthorizationUri())
                .clientId(r.registration().getClientId())
                .redirectUri(p.redirectUri())
                .scopes(p.scopes())
                .state(state)
                .attributes(a -> {
                    a.put(OAuth2ParameterNames.REGISTRATION_ID, r.registration().getRegistrationId());
                    a.put(PkceParameterNames.CODE_VERIFIER, secrets.codeVerifier());
                    a.put(OidcParameterNames.NONCE, secrets.nonce());
                })
                .build();
    }

    private Outcome failed(OAuthCallbackHandler handler, ClientRegistrations.Registered r, PendingRequest p,
                           OAuthFailure.Reason reason, HttpServletRequest request, HttpServletResponse response) {
        log.info("OAuth flow {} for {} did not finish: {}", p.flow(), r.registration().getRegistrationId(), reason);
        return new Outcome.Continue(local(handler.failed(new OAuthFailure(r.provider(), r.purpose(), p.context(), reason),
                request, response)));
    }

    private static Outcome refused(String registrationId, String key, String why) {
        log.info("OAuth callback for {} refused: {}", registrationId, why);
        return new Outcome.Refused(key);
    }

    /** Only a path on this origin (no {@code //host}, no scheme): a handler cannot be made into an open redirect. */
    static String local(@Nullable String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
            return "/";
        }
        return path;
    }
}
