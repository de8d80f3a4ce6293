package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.vaultmail.auth.BearerCredentials;

/**
 * Another feature's bearer credential (the gateway's API keys) is accepted only on that feature's paths, decided on
 * the routed path (ADR 0024), and never handed to the session token checks; elsewhere it is a 403 whose answer names
 * no part of the credential.
 */
class OtherBearerCredentialsTest {

    private static final String KEY = "tst_canary-credential-4711";

    private final AtomicInteger lookups = new AtomicInteger();
    private final BearerCredentials kind = new BearerCredentials() {
        @Override
        public boolean recognises(String token) {
            return token.startsWith("tst_");
        }

        @Override
        public RequestMatcher paths() {
            return PathPatternRequestMatcher.pathPattern("/api/v1/outbox/**");
        }

        @Override
        public String wrongPlace() {
            return "A test key can only be used on the outbox API.";
        }

        @Override
        public Optional<Authentication> authenticate(String token, HttpServletRequest request) {
            lookups.incrementAndGet();
            return KEY.equals(token) ? Optional.of(new TestingAuthenticationToken("key-1", "", List.of())) : Optional.empty();
        }
    };
    // the session checks are never reached for a recognised token: null collaborators would throw if they were
    private final TokenAuthenticationFilter filter = new TokenAuthenticationFilter(null, null, null, List.of(kind));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private Result run(String path, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Authentication> seen = new AtomicReference<>();
        AtomicInteger chained = new AtomicInteger();
        filter.doFilter(request, response, (req, res) -> {
            chained.incrementAndGet();
            seen.set(SecurityContextHolder.getContext().getAuthentication());
        });
        SecurityContextHolder.clearContext();
        return new Result(response, chained.get() == 1, seen.get());
    }

    private record Result(MockHttpServletResponse response, boolean chained, Authentication authentication) {
    }

    @Test
    void aValidCredentialAuthenticatesOnItsOwnPathsUnderAnyEncoding() throws Exception {
        for (String path : List.of("/api/v1/outbox", "/api/v1/outbox/abc/retry", "/api/v1/%6Futbox", "/api/v1/outbox;x=1")) {
            Result r = run(path, KEY);
            assertThat(r.chained()).as(path).isTrue();
            assertThat(r.authentication()).as(path).isNotNull();
            assertThat(r.authentication().getPrincipal()).isEqualTo("key-1");
        }
    }

    @Test
    void anUnknownCredentialOfThatKindLeavesTheRequestUnauthenticated() throws Exception {
        Result r = run("/api/v1/outbox", "tst_wrong");
        assertThat(r.chained()).isTrue();
        assertThat(r.authentication()).isNull();
    }

    @Test
    void elsewhereItIsRefusedWithoutALookupAndTheAnswerNamesNoCredential() throws Exception {
        for (String path : List.of("/api/v1/folders", "/api/v1/sessions/current", "/api/v1/%66olders", "/settings/api/keys", "/admin")) {
            Result r = run(path, KEY);
            assertThat(r.chained()).as(path).isFalse();
            assertThat(r.response().getStatus()).as(path).isEqualTo(403);
            assertThat(r.response().getContentType()).isEqualTo("application/problem+json");
            assertThat(r.response().getContentAsString()).contains("only be used on the outbox API").doesNotContain("canary");
        }
        assertThat(lookups).hasValue(0);
    }
}
