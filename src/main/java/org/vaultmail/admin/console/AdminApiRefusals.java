package org.vaultmail.admin.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.vaultmail.web.ChainProblems;

/**
 * The operators' API's answers when the console's chain refuses a request: 401 without a signed-in operator (a
 * script gets no redirect to a sign-in page it cannot use), 403 without the session's CSRF token or a required
 * passkey; problem+json in the operator's language (texts {@code problem.admin.*}, ADR 0052 amendment of session 12).
 */
final class AdminApiRefusals {

    private final ChainProblems problems;

    AdminApiRefusals(ChainProblems problems) {
        this.problems = problems;
    }

    AuthenticationEntryPoint signInFirst() {
        return (request, response, e) -> problems.write(request, response, 401, "problem.admin.signInFirst");
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> problems.write(request, response, 403,
                e instanceof CsrfException ? "problem.admin.csrf" : "problem.admin.operatorOnly");
    }

    /** The console requires passkeys and this operator has none yet (ADR 0054). */
    void passkeyRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, 403, "problem.admin.passkeyRequired");
    }
}
