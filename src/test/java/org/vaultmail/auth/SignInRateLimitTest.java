package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** Request rate per client address on sign-in and refresh: beyond it 429 problem+json with Retry-After. */
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
}
