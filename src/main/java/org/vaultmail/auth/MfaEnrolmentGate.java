package org.vaultmail.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vaultmail.auth.mfa.UserMfa;

/**
 * When the policy requires MFA ({@code vaultmail.auth.require-mfa} or the console, ADR 0022; read per request),
 * a signed-in user without a second factor can use only the enrolment page and sign-out: pages redirect
 * there, the API answers 403 (ADR 0006). Always installed, so the console can switch it on and off.
 */
final class MfaEnrolmentGate extends OncePerRequestFilter {

    private final UserMfa mfa;
    private final AuthPolicies policies;

    MfaEnrolmentGate(UserMfa mfa, AuthPolicies policies) {
        this.mfa = mfa;
        this.policies = policies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedSession me && !allowed(path)
                && policies.current().requireMfa() && !mfa.enrolled(me.userId())) {
            if (path.startsWith("/api/")) {
                response.setStatus(403);
                response.setContentType("application/problem+json");
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Second factor not set up\",\"status\":403,"
                        + "\"detail\":\"" + SessionsApiController.MFA_ENROL + "\",\"mfaEnrolmentRequired\":true}")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                response.sendRedirect("/settings/security");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(String path) {
        return path.equals("/settings/security") || path.startsWith("/settings/security/") || path.equals("/signout")
                || path.equals("/error") || path.equals("/api/v1/sessions/refresh") || path.equals("/api/v1/sessions/current")
                || path.startsWith("/css/")
                || path.startsWith("/signin");
    }
}
