package org.vaultmail.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vaultmail.mail.ClientOrigin;

/**
 * Makes the client's address (as {@link TrustedProxiesFilter} established it) the {@link ClientOrigin} of the
 * request, so that IMAP logins made while serving it tell the mail server who is signing in (ADR 0030).
 */
final class ClientOriginFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ClientOrigin> origin = ClientOrigin.of(request.getRemoteAddr(), request.getRemotePort(), request.getLocalAddr());
        if (origin.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            origin.get().during(() -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // an async dispatch (streams) may log in too
    }
}
