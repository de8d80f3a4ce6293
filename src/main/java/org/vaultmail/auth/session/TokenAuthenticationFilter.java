package org.vaultmail.auth.session;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.BearerCredentials;
import org.vaultmail.auth.policy.AuthPolicies;

/**
 * Authenticates a request by {@code Authorization: Bearer} (API) or by the access cookie (browser),
 * and checks the session row on every request, so a revoked session stops at once on every node.
 * A browser whose access token expired is refreshed silently with its refresh cookie.
 */
public final class TokenAuthenticationFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final Sessions sessions;
    private final AuthPolicies policies;
    private final List<BearerCredentials> otherCredentials;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public TokenAuthenticationFilter(AccessTokens tokens, Sessions sessions, AuthPolicies policies,
                                     List<BearerCredentials> otherCredentials) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.policies = policies;
        this.otherCredentials = List.copyOf(otherCredentials);
    }

    public static boolean isBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AuthenticatedSession> session;
        if (isBearer(request)) {
            String token = request.getHeader("Authorization").substring(BEARER.length()).trim();
            Optional<BearerCredentials> other = otherCredentials.stream().filter(k -> k.recognises(token)).findFirst();
            if (other.isPresent()) {
                authenticateOther(other.get(), token, request, response, chain);
                return;
            }
            session = tokens.verify(token).flatMap(c -> sessions.authenticate(c, null));
        } else {
            session = fromCookies(request, response);
        }
        session.ifPresent(s -> {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(s, null, List.of()));
            contexts.setContext(context);
        });
        chain.doFilter(request, response);
    }

    /** Another feature's credential (an API key): only on its own paths; the session kinds never see it. */
    private void authenticateOther(BearerCredentials kind, String token, HttpServletRequest request, HttpServletResponse response,
                                   FilterChain chain) throws ServletException, IOException {
        if (!kind.paths().matches(request)) {
            response.setStatus(403);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                    + kind.wrongPlace().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        kind.authenticate(token, request).ifPresent(a -> {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(a);
            contexts.setContext(context);
        });
        chain.doFilter(request, response);
    }

    private Optional<AuthenticatedSession> fromCookies(HttpServletRequest request, HttpServletResponse response) {
        String unseal = AuthCookies.read(request, AuthCookies.UNSEAL);
        Optional<AccessTokens.Claims> claims = tokens.verify(AuthCookies.read(request, AuthCookies.ACCESS));
        if (claims.isEmpty()) {
            byte[] refresh = Randoms.parse(AuthCookies.read(request, AuthCookies.REFRESH), Sessions.REFRESH_SECRET_BYTES);
            if (refresh == null) return Optional.empty();
            try {
                Issued issued = sessions.refresh(refresh, unsealBytes(unseal), false, client(request));
                AuthCookies.set(response, issued, policies.current().rememberIdleTimeout());
                claims = tokens.verify(issued.accessToken());
            } catch (InvalidRefreshTokenException e) {
                AuthCookies.clear(response);
                return Optional.empty();
            }
        }
        return claims.flatMap(c -> sessions.authenticate(c, unseal));
    }

    private static byte[] unsealBytes(@Nullable String cookie) {
        byte[] b = Randoms.parse(cookie, CredentialSeal.UNSEAL_SECRET_BYTES);
        return b == null ? new byte[0] : b;
    }

    public static Sessions.Client client(HttpServletRequest request) {
        return new Sessions.Client(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
