package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.session.OAuthSubject;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthPurpose;

/**
 * Finishes the {@code reauth} flow (ADR 0047): the callback verified the ID token; this checks that it belongs to the
 * session that started the flow (the browser's cookies name it, the flow's context must name the same one) and hands
 * the proof to {@link RecentAuthentication#reauthenticateAtProvider}, which checks {@code auth_time} and the account
 * and records it like a password proof. The tokens of this flow are not kept. Outcomes come back to the security page
 * as a fixed code ({@code ?reauth=…}); nothing from the provider is echoed.
 */
final class ProviderReauthenticationCallback implements OAuthCallbackHandler {

    static final String FLOW = "reauth";
    static final String HOME = "/settings/security";
    static final String SESSION = "session";
    static final String REQUESTED_AT = "requestedAt";
    static final String THEN = "then";

    /** The codes of {@code /settings/security?reauth=…} and their message keys (messages-oauth-sudo.properties). */
    static final Map<String, String> MESSAGES = Map.of(
            "wrong-account", "reauth.provider.error.wrongAccount",
            "stale", "reauth.provider.error.stale",
            "locked", "reauth.provider.error.locked",
            "denied", "reauth.provider.error.denied",
            "expired", "reauth.provider.error.expired",
            "failed", "reauth.provider.error.failed",
            "session", "reauth.provider.error.session",
            "sign-in-again", "reauth.provider.error.signInAgain",
            "unavailable", "reauth.provider.error.unavailable");

    private final RecentAuthentication recent;

    ProviderReauthenticationCallback(RecentAuthentication recent) {
        this.recent = recent;
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
        try (authorization) {
            AuthenticatedSession me = current();
            if (me == null) return "/signin"; // signed out meanwhile: the proof has no session to go to
            Map<String, String> context = authorization.context();
            Instant requestedAt = instant(context.get(REQUESTED_AT));
            // the browser that started the flow (its flow cookie) must still be in the session that started it
            if (!me.sessionId().equals(context.get(SESSION)) || requestedAt == null
                    || authorization.purpose() != OAuthPurpose.MAIL) {
                return problem("session");
            }
            if (authorization.issuer().isBlank() || authorization.subject() == null || authorization.subject().isBlank()) {
                return problem("failed"); // the verified ID token always has both; without them there is no account
            }
            var proof = new RecentAuthentication.ProviderProof(authorization.provider().id(), authorization.email(),
                    authorization.authTime(), requestedAt, new OAuthSubject(authorization.issuer(), authorization.subject()));
            return switch (recent.reauthenticateAtProvider(me, proof, request)) {
                case PROVEN -> then(context.get(THEN));
                case WRONG_ACCOUNT -> problem("wrong-account");
                case STALE -> problem("stale");
                case LOCKED_OUT -> problem("locked");
                case NOT_APPLICABLE -> HOME;
                case SIGN_IN_AGAIN -> problem("sign-in-again");
            };
        }
    }

    @Override
    public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
        return problem(switch (failure.reason()) {
            case DENIED -> "denied";
            case EXPIRED -> "expired";
            case EXCHANGE_FAILED, ID_TOKEN_INVALID, SCOPE_NOT_GRANTED -> "failed";
        });
    }

    /** What the flow starts with: the session, when, and the page to come back to. */
    static Map<String, String> context(AuthenticatedSession me, Instant requestedAt, String then) {
        return Map.of(SESSION, me.sessionId(), REQUESTED_AT, requestedAt.toString(), THEN, then(then));
    }

    static String problem(String code) {
        return HOME + "?reauth=" + (MESSAGES.containsKey(code) ? code : "failed");
    }

    /** The message key of a code, or null for an unknown one (never echoed). */
    static @Nullable String message(@Nullable String code) {
        return code == null ? null : MESSAGES.get(code);
    }

    /** A settings page of this origin to come back to; anything else is the security page. */
    static String then(@Nullable String path) {
        if (path == null || !path.startsWith("/settings/") || path.length() > 200 || path.contains("//")
                || path.contains("..") || path.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == '?' || c == '#' || c > 0x7e)) {
            return HOME;
        }
        return path;
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable AuthenticatedSession current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof AuthenticatedSession me ? me : null;
    }
}
