package org.vaultmail.gateway.mailboxes;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.util.UriComponentsBuilder;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthTokens;

/**
 * Finishes the {@code mailbox-connect} flow (ADR 0044): the user who started it (kept server side in the flow's
 * context, never in the URL) gets a send-only mailbox whose address is the ID token's email. The browser goes back to
 * the mailboxes page with a result code the page turns into a sentence ({@link ConnectResult}). Tokens obtained for a
 * mailbox that may not be connected are revoked at once where the provider can.
 */
final class MailboxConnectFlow implements OAuthCallbackHandler {

    static final String FLOW = "mailbox-connect";
    static final String USER = "userId";
    private static final Logger log = LoggerFactory.getLogger(MailboxConnectFlow.class);

    private final OAuthMailboxSettings settings;
    private final MailboxRows rows;
    private final ObjectProvider<OAuthTokens> tokens;

    MailboxConnectFlow(OAuthMailboxSettings settings, MailboxRows rows, ObjectProvider<OAuthTokens> tokens) {
        this.settings = settings;
        this.rows = rows;
        this.tokens = tokens;
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
        try (authorization) {
            Optional<MailboxEvents.Actor> me = actor(authorization.context(), request);
            if (me.isEmpty()) return page(ConnectResult.FAILED, authorization.provider().id(), null);
            try {
                OAuthMailboxSettings.Connected c = settings.complete(me.get(), authorization);
                log.info("mailbox {} of user {}: {} through {}", c.mailbox().id(), me.get().userId(),
                        c.outcome().name().toLowerCase(java.util.Locale.ROOT), authorization.provider().id());
                return page(switch (c.outcome()) {
                    case CONNECTED -> ConnectResult.CONNECTED;
                    case REAUTHENTICATED -> ConnectResult.REAUTHENTICATED;
                    case RECONNECTED -> ConnectResult.RECONNECTED;
                }, authorization.provider().id(), c.mailbox().id());
            } catch (MailboxProblem e) {
                revoke(authorization);
                return page(ConnectResult.of(e.reason()), authorization.provider().id(), null);
            } catch (RuntimeException e) { // e.g. no refresh token issued: a page that says so, not an error page
                log.warn("connecting a mailbox through {} failed ({})", authorization.provider().id(), e.getClass().getSimpleName());
                revoke(authorization);
                return page(ConnectResult.FAILED, authorization.provider().id(), null);
            }
        }
    }

    @Override
    public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
        ConnectResult result = switch (failure.reason()) {
            case DENIED -> ConnectResult.DENIED;
            case SCOPE_NOT_GRANTED -> ConnectResult.SCOPE_NOT_GRANTED;
            case EXPIRED -> ConnectResult.EXPIRED;
            case ID_TOKEN_INVALID -> ConnectResult.ID_TOKEN_INVALID;
            case EXCHANGE_FAILED -> ConnectResult.FAILED;
        };
        return page(result, failure.provider().id(), null);
    }

    /** The user the flow was started for; a missing or vanished user finishes nothing. */
    private Optional<MailboxEvents.Actor> actor(Map<String, String> context, HttpServletRequest request) {
        String user = context.get(USER);
        if (user == null) return Optional.empty();
        long userId;
        try {
            userId = Long.parseLong(user);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return rows.ownerAddress(userId).map(address -> new MailboxEvents.Actor(userId, address, request.getRemoteAddr()));
    }

    /** The fresh tokens must not outlive a refusal at the provider either (best effort; Microsoft has no endpoint). */
    private void revoke(CompletedAuthorization authorization) {
        OAuthTokens t = tokens.getIfAvailable();
        var token = authorization.tokens().refreshToken() != null ? authorization.tokens().refreshToken()
                : authorization.tokens().accessToken();
        if (t == null || token == null || authorization.provider().revocationUri() == null) return;
        try {
            t.revoke(authorization.provider().id(), token);
        } catch (RuntimeException e) {
            log.warn("revoking the tokens of a refused mailbox connection at {} failed ({})", authorization.provider().id(),
                    e.getClass().getSimpleName());
        }
    }

    static String page(ConnectResult result, String providerId, Long mailboxId) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(MailboxesPageController.PAGE)
                .queryParam("oauth", result.code()).queryParam("provider", providerId);
        if (mailboxId != null) b.queryParam("mailbox", mailboxId);
        return b.encode().build().toUriString();
    }
}
