package org.vaultmail.auth.mfa;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.vault.Secret;

/**
 * Enforces {@link RequiresRecentAuthentication} before the handler runs (ADR 0026). A page form may carry the proof
 * itself ({@value #PASSWORD_FIELD}, {@value #CODE_FIELD}, or a passkey assertion in {@value #PASSKEY_FIELD} for the
 * ceremony in {@value #CEREMONY_FIELD}): it is checked here, so the confirmation page can post
 * the original request again with the proof added and nothing the user typed is lost. The API proves itself at
 * {@code POST /api/v1/sessions/current/reauthenticate} first.
 */
final class RecentAuthenticationInterceptor implements HandlerInterceptor {

    static final String PASSWORD_FIELD = "reauthPassword";
    static final String CODE_FIELD = "reauthCode";
    /** A passkey assertion (JSON) for the ceremony in {@value #CEREMONY_FIELD}, made on the confirmation page. */
    static final String PASSKEY_FIELD = "reauthPasskey";
    static final String CEREMONY_FIELD = "reauthCeremony";

    private final RecentAuthentication recent;
    private final FreshAuthentication fresh;

    RecentAuthenticationInterceptor(RecentAuthentication recent, FreshAuthentication fresh) {
        this.recent = recent;
        this.fresh = fresh;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(RequiresRecentAuthentication.class)) return true;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AuthenticatedSession me)) return true; // security refuses it
        RequiresRecentAuthentication what = method.getMethodAnnotation(RequiresRecentAuthentication.class);
        if (what != null && what.signInCounts() ? fresh.fresh(me) : recent.fresh(me)) return true;
        String password = api(method) ? null : request.getParameter(PASSWORD_FIELD);
        String code = api(method) ? null : request.getParameter(CODE_FIELD);
        String passkey = api(method) ? null : request.getParameter(PASSKEY_FIELD);
        if (passkey != null && !passkey.isBlank()) {
            String ceremony = request.getParameter(CEREMONY_FIELD);
            recent.reauthenticateWithPasskey(me, ceremony == null ? "" : ceremony, passkey, request);
            return true;
        }
        if (password == null && code == null) recent.require(me);
        try (Secret secret = password == null ? null : Secret.ofUtf8(password)) {
            recent.reauthenticate(me, new RecentAuthentication.Proof(secret, code), request);
        }
        return true;
    }

    /** A JSON handler (API) rather than a page: decided by the handler, not by the path. */
    static boolean api(HandlerMethod method) {
        return AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || method.hasMethodAnnotation(ResponseBody.class);
    }
}
