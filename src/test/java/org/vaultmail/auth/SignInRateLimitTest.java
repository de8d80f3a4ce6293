package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Request rate per client address on sign-in and refresh: beyond it 429 problem+json with Retry-After; the limit
 * follows the operator's policy (ADR 0022) without a restart.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class SignInRateLimitTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-rate-test-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "3");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.web.trusted-proxies", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Autowired
    AuthPolicies policies;

    @AfterEach
    void backToTheConfiguredLimit() {
        policies.save(policies.view().version(), Map.of(PolicyField.REQUESTS_PER_MINUTE, ""), "rate-test", null, null);
    }

    private void setLimit(String perMinute) {
        AuthPolicies.Result result = policies.save(policies.view().version(), Map.of(PolicyField.REQUESTS_PER_MINUTE, perMinute),
                "rate-test", null, null);
        assertThat(result.outcome()).as(result.errors().toString()).isEqualTo(AuthPolicies.Outcome.SAVED);
    }

    private static void assertTooMany(Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(429);
        assertThat(reply.json().get("detail").asString()).startsWith("Too many sign-in requests from your address.");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void fourthSignInRequestInAMinuteFromOneAddressIsTooManyWithRetryAfter() {
        HttpCalls http = new HttpCalls(port);
        String body = HttpCalls.json("address", "x@unknown-domain.test", "password", "pw");
        for (int i = 0; i < 3; i++) {
            assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(401);
        }

        Reply limited = http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", "203.0.113.1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(http.send("POST", "/api/v1/sessions/refresh", HttpCalls.json("refreshToken", "a.b"),
                "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(429);
        // another client address has its own allowance
        assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", "203.0.113.2").status()).isEqualTo(401);
    }

    @Test
    void theRequestLimitChangedInThePolicyAppliesToTheNextRequestAndRaisingItLiftsIt() {
        HttpCalls http = new HttpCalls(port);
        String body = HttpCalls.json("address", "x@unknown-domain.test", "password", "pw");
        String client = "203.0.113.20";

        setLimit("1");
        assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client).status()).isEqualTo(401);
        assertTooMany(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client));
        assertTooMany(http.send("POST", "/api/v1/sessions/refresh", HttpCalls.json("refreshToken", "a.b"), "X-Forwarded-For", client));

        setLimit("5");
        for (int i = 0; i < 5; i++) {
            assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client).status())
                    .as("request " + (i + 1) + " of 5, above the configured 3").isEqualTo(401);
        }
        assertTooMany(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client));

        setLimit("");
        for (int i = 0; i < 3; i++) {
            assertThat(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client).status())
                    .as("back to the configured 3: request " + (i + 1)).isEqualTo(401);
        }
        assertTooMany(http.send("POST", "/api/v1/sessions", body, "X-Forwarded-For", client));
    }
}
