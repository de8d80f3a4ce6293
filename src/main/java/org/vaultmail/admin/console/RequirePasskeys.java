package org.vaultmail.admin.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vaultmail.admin.operators.OperatorPasskeyChanges;
import org.vaultmail.admin.operators.OperatorPasskeyPolicy;
import org.vaultmail.web.ApiPaths;

/**
 * The console requires passkeys ({@link OperatorPasskeyPolicy}: the stored policy field over
 * {@code vaultmail.admin.require-passkeys}, ADR 0054): a signed-in operator without a passkey is sent to the passkeys
 * page until one is added. Allowed meanwhile: that page and its posts, sign-in and sign-out (static files are not on
 * the console's chain). Matched on the path MVC routes on (ADR 0024), like every console rule; the operators' API
 * gets a 403 problem instead of a redirect.
 */
final class RequirePasskeys extends OncePerRequestFilter {

    private static final RequestMatcher ALLOWED = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(OperatorPasskeysPageController.PAGE),
            PathPatternRequestMatcher.pathPattern(OperatorPasskeysPageController.PAGE + "/**"),
            PathPatternRequestMatcher.pathPattern("/admin/signout"),
            PathPatternRequestMatcher.pathPattern("/admin/signin"),
            PathPatternRequestMatcher.pathPattern("/admin/signin/passkey"));

    private final OperatorPasskeyPolicy policy;
    private final OperatorPasskeyChanges passkeys;
    private final AdminApiRefusals refusals;

    RequirePasskeys(OperatorPasskeyPolicy policy, OperatorPasskeyChanges passkeys, AdminApiRefusals refusals) {
        this.refusals = refusals;
        this.policy = policy;
        this.passkeys = passkeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication operator = SecurityContextHolder.getContext().getAuthentication();
        if (operator == null || !operator.isAuthenticated() || !isOperator(operator) || ALLOWED.matches(request)
                || !policy.required() || passkeys.registered(operator.getName())) {
            chain.doFilter(request, response);
            return;
        }
        if (ApiPaths.api(request)) {
            refusals.passkeyRequired(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + OperatorPasskeysPageController.PAGE);
    }

    private static boolean isOperator(Authentication a) {
        return a.getAuthorities().stream().anyMatch(g -> ("ROLE_" + AdminSecurityConfiguration.ROLE).equals(g.getAuthority()));
    }
}
