package org.vaultmail.admin.console;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The operators' API's answers when the console's chain refuses a request: 401 without a signed-in operator (a
 * script gets no redirect to a sign-in page it cannot use), 403 without the session's CSRF token, both problem+json.
 */
final class AdminApiRefusals {

    private AdminApiRefusals() {
    }

    static AuthenticationEntryPoint signInFirst() {
        return (request, response, e) -> write(response, 401, "Unauthorized",
                "Sign in to the operator console first (password and code at /admin/signin); this API uses its session.");
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden", e instanceof CsrfException
                ? "The request carries the console's session but not its CSRF token: send it as the X-CSRF-TOKEN header."
                : "Only a signed-in operator may do this.");
    }

    /** The console requires passkeys and this operator has none yet (ADR 0054). */
    static void passkeyRequired(HttpServletResponse response) throws java.io.IOException {
        write(response, 403, "Forbidden", "The console requires a passkey for operators: add one at /admin/security/passkeys first.");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
