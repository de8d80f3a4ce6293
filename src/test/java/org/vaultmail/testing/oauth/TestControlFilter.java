package org.vaultmail.testing.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of Spring Security: counts and, when a test asked for it, fails token requests; and serves the test
 * controls under {@code /testing/} as plain HTTP, so a test JVM that reuses another JVM's shared server on port 9000
 * steers it the same way as its own.
 */
final class TestControlFilter extends OncePerRequestFilter {

    /** What {@code GET /testing/identity} answers: how a second test JVM recognises this fixture on port 9000. */
    static final String IDENTITY = "vaultmail-local-authorization-server/1";

    private final ServerControls controls;
    private final RevocableAuthorizations authorizations;

    TestControlFilter(ServerControls controls, RevocableAuthorizations authorizations) {
        this.controls = controls;
        this.authorizations = authorizations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/testing/")) {
            control(path.substring("/testing/".length()), request, response);
            return;
        }
        if ("/oauth2/token".equals(path) && "POST".equals(request.getMethod())) {
            String grantType = String.valueOf(request.getParameter("grant_type"));
            controls.countTokenRequest(String.valueOf(clientId(request)), grantType);
            int failure = controls.takeFailure();
            if (failure != 0) {
                response.setStatus(failure);
                if (failure == 429 || failure == 503) response.setHeader("Retry-After", "1");
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"" + (failure >= 500 ? "temporarily_unavailable" : "server_error")
                        + "\"}");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void control(String action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String answer;
        try {
            answer = switch (action) {
                case "identity" -> IDENTITY;
                case "token-requests" -> String.valueOf(controls.tokenRequests(required(request, "client_id"),
                        request.getParameter("grant_type")));
                case "access-token-ttl" -> String.valueOf(controls.accessTokenTtl(
                        Duration.ofMillis(Long.parseLong(required(request, "millis")))).toMillis());
                case "revoke" -> String.valueOf(authorizations.revokeAll(required(request, "username")));
                case "grant-only" -> {
                    controls.grantOnly(required(request, "username"), scopes(request.getParameter("scopes")));
                    yield "ok";
                }
                case "deny" -> {
                    controls.denyNext(required(request, "username"));
                    yield "ok";
                }
                case "last-issued" -> controls.lastIssued(required(request, "username")).entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
                case "auth-time" -> {
                    controls.nextAuthTime(required(request, "username"),
                            ServerControls.AuthTime.valueOf(required(request, "mode").toUpperCase(java.util.Locale.ROOT)));
                    yield "ok";
                }
                case "email-verified" -> {
                    controls.nextEmailVerified(required(request, "username"),
                            ServerControls.EmailVerified.valueOf(required(request, "mode").toUpperCase(java.util.Locale.ROOT)));
                    yield "ok";
                }
                case "subject" -> {
                    controls.nextSubject(required(request, "username"), required(request, "subject"));
                    yield "ok";
                }
                case "fail-token-endpoint" -> {
                    controls.failTokenEndpoint(Integer.parseInt(required(request, "times")),
                            Integer.parseInt(required(request, "status")));
                    yield "ok";
                }
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            response.sendError(400, e.getMessage());
            return;
        }
        if (answer == null) {
            response.sendError(404);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(answer);
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) throw new IllegalArgumentException("missing " + name);
        return value;
    }

    private static Set<String> scopes(@Nullable String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) return Set.of();
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).collect(Collectors.toSet());
    }

    /** The client of a token request: the {@code client_id} parameter or the Basic credentials' user. */
    private static @Nullable String clientId(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) return java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return request.getParameter("client_id");
    }
}
