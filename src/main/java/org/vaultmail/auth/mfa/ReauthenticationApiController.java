package org.vaultmail.auth.mfa;

import java.time.Instant;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.vault.Secret;

/**
 * {@code POST /api/v1/sessions/current/reauthenticate}: the API's way into sudo mode (ADR 0026). The body carries
 * {@code otp} when the user has a second factor, else {@code password}; refusals are problem+json
 * ({@link RecentAuthenticationAdvice}).
 */
@RestController
class ReauthenticationApiController {

    /** The proof; the password never prints. */
    record ReauthenticateRequest(char @Nullable [] password, @Nullable String otp) {
        @Override
        public String toString() {
            return "ReauthenticateRequest[PROTECTED]";
        }
    }

    /** Until when sensitive actions of this session need no further proof. */
    record Reauthentication(Instant reauthenticatedUntil, long validForSeconds) {
    }

    private final RecentAuthentication recent;

    ReauthenticationApiController(RecentAuthentication recent) {
        this.recent = recent;
    }

    @PostMapping(RecentAuthenticationAdvice.ENDPOINT)
    Reauthentication reauthenticate(@AuthenticationPrincipal AuthenticatedSession me,
                                    @RequestBody(required = false) @Nullable ReauthenticateRequest body,
                                    HttpServletRequest request) {
        char[] password = body == null ? null : body.password();
        try (Secret secret = password == null ? null : Secret.ofChars(password)) {
            Instant until = recent.reauthenticate(me, new RecentAuthentication.Proof(secret, body == null ? null : body.otp()), request);
            return new Reauthentication(until, recent.window().toSeconds());
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }
}
