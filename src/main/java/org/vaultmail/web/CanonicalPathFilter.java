package org.vaultmail.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter: refuses a request whose path is not canonical ({@link CanonicalPaths}) with a 400 that
 * says why, before the trusted-proxy filter, the rate limits and Spring Security see it (ADR 0024). The
 * answer is written here, not by the error page machinery, so nothing else ever looks at such a path.
 */
final class CanonicalPathFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String problem = CanonicalPaths.problem(path);
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        String body;
        if (ApiPaths.api(path)) {
            response.setContentType("application/problem+json");
            body = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + problem + "\"}";
        } else {
            response.setContentType("text/html;charset=UTF-8");
            body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request · Vaultmail</title></head>"
                    + "<body><h1>Bad request</h1><p>" + problem + "</p><p><a href=\"/\">Go to Vaultmail</a></p></body></html>";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
