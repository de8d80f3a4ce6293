package org.vaultmail.auth;

import java.io.IOException;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.passkeys.Passkeys;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.signin.SessionsApiController;
import org.vaultmail.web.ChainProblems;

/**
 * When the policy requires MFA ({@code vaultmail.auth.require-mfa} or the console, ADR 0022; read per request),
 * a signed-in user without a second factor can use only the enrolment page and sign-out: pages redirect
 * there, the API answers 403 (ADR 0006). Always installed, so the console can switch it on and off.
 */
final class MfaEnrolmentGate extends OncePerRequestFilter {

    /**
     * Enrolment, sign-in and sign-out, on the path MVC routes on (ADR 0024); and the callback of the OAuth sign-in
     * registrations ({@code <provider>-mail}), where an OAuth user without a second factor comes back from proving
     * who they are before enrolling (ADR 0047). Connecting mailboxes and migration sources use other registrations.
     */
    private static final RequestMatcher ALLOWED = RequestMatchers.anyOf(
            Stream.of("/settings/security/**", "/signout", "/error", "/api/v1/sessions/refresh", "/api/v1/sessions/current",
                    "/css/**", "/js/**", "/signin/**", "/oauth/callback/*-mail").map(PathPatternRequestMatcher::pathPattern)
                    .toArray(RequestMatcher[]::new));

    private final UserMfa mfa;
    private final Passkeys passkeys;
    private final AuthPolicies policies;

    private final ChainProblems problems;

    MfaEnrolmentGate(UserMfa mfa, Passkeys passkeys, AuthPolicies policies, ChainProblems problems) {
        this.problems = problems;
        this.mfa = mfa;
        this.passkeys = passkeys;
        this.policies = policies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedSession me && !ALLOWED.matches(request)
                && policies.current().requireMfa() && !mfa.enrolled(me.userId()) && !passkeys.registered(me.address())) {
            if (SecurityConfiguration.API.matches(request)) {
                // a filter, before MVC: the texts in the language the MVC locale resolver would choose (ADR 0052)
                problems.write(request, response, 403, "problem.signin.mfaEnrol.title", SessionsApiController.MFA_ENROL,
                        "\"mfaEnrolmentRequired\":true");
            } else {
                response.sendRedirect("/settings/security");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
