package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenID Connect's {@code prompt=login} and {@code max_age} (Core 1.0 §3.1.2.1) at the authorization endpoint, as
 * Google and Microsoft honour them and Spring Authorization Server does not by itself (it knows only
 * {@code prompt=none}): a signed-in user whose sign-in is older than {@code max_age}, or any signed-in user when
 * {@code prompt=login}, is signed out of this server's session and sent to the login page; the request resumes after
 * the new login, whose time becomes the ID token's {@code auth_time} (Spring's {@code JwtGenerator} takes it from the
 * login's {@link FactorGrantedAuthority}). The forced login is remembered per {@code state}, so the resumed request is
 * not sent round again.
 */
final class FreshLoginFilter extends OncePerRequestFilter {

    private static final String FORCED = FreshLoginFilter.class.getName() + ".forced.";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String prompt = request.getParameter("prompt");
        boolean login = prompt != null && Arrays.asList(prompt.trim().split("\\s+")).contains("login");
        Long maxAge = seconds(request.getParameter("max_age"));
        HttpSession session = request.getSession(false);
        if (!"/oauth2/authorize".equals(request.getRequestURI()) || (!login && maxAge == null) || session == null
                || user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = Instant.now();
        Instant authTime = authTime(user);
        String forcedKey = FORCED + request.getParameter("state");
        Instant forcedAt = session.getAttribute(forcedKey) instanceof Instant at ? at : null;
        boolean signedInSinceAsked = forcedAt != null && authTime != null && !authTime.isBefore(forcedAt);
        boolean tooOld = authTime == null || (maxAge != null && authTime.plusSeconds(maxAge).isBefore(now));
        if (signedInSinceAsked || (!login && !tooOld)) {
            session.removeAttribute(forcedKey);
            chain.doFilter(request, response);
            return;
        }
        session.setAttribute(forcedKey, now);
        SecurityContextHolder.clearContext();
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        new HttpSessionRequestCache().saveRequest(request, response);
        response.sendRedirect("/login");
    }

    /** The time of the user's latest authentication factor (what the ID token's {@code auth_time} will say). */
    static @Nullable Instant authTime(Authentication user) {
        Instant latest = null;
        for (GrantedAuthority authority : user.getAuthorities()) {
            if (authority instanceof FactorGrantedAuthority factor && (latest == null || factor.getIssuedAt().isAfter(latest))) {
                latest = factor.getIssuedAt();
            }
        }
        return latest;
    }

    private static @Nullable Long seconds(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            long n = Long.parseLong(value.trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
