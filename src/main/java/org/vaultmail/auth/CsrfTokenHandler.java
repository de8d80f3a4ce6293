package org.vaultmail.auth;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked (XOR) CSRF tokens, with one difference: a forged token of the right length whose unmasked
 * bytes are not UTF-8 is a wrong token (403), not an {@code IllegalArgumentException} that escapes the filter chain as
 * a 500 with a stack trace in the log, which anyone could cause before signing in. Used by both filter chains.
 */
public final class CsrfTokenHandler implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        try {
            return masked.resolveCsrfTokenValue(request, token);
        } catch (IllegalArgumentException e) { // Utf8.decode("Decoding failed"): the sender did not get it from us
            return null;
        }
    }
}
