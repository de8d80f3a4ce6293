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

/**
 * Issue 12, item 9: an IPv6 client is counted by its /64 (the smallest network an ISP hands out), so rotating
 * through the addresses of its own network escapes neither the failure counters nor the request rate limit.
 * The clients are simulated through a trusted loopback proxy's {@code X-Forwarded-For}.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class Ipv6ClientThrottleTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws java.io.IOException {
        String dir = java.nio.file.Files.createTempDirectory("vaultmail-ipv6-client-").toString();
        registry.add("vaultmail.data-dir", () -> dir);
        AuthAppTestSupport.appProperties(registry);
        registry.add("vaultmail.web.trusted-proxies", () -> "127.0.0.1,::1");
        registry.add("vaultmail.auth.throttle.client-failures", () -> "3");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "6");
        registry.add("vaultmail.auth.throttle.min-failure-duration", () -> "0ms");
        registry.add("vaultmail.auth.throttle.failure-jitter", () -> "0ms");
    }

    @LocalServerPort
    int port;

    @Test
    void failuresFromAddressesOfOneSlash64MakeTheWholeNetworkWaitButNotItsNeighbour() {
        for (String from : new String[] {"2001:db8:1:2::a", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::c"}) {
            assertThat(signIn(AuthAppTestSupport.newUser("pw"), "wrong", from).status()).isEqualTo(401);
        }

        assertThat(signIn(AuthAppTestSupport.newUser("pw"), "pw", "2001:db8:1:2::d").status())
                .as("another address of the same /64 waits").isEqualTo(401);
        assertThat(signIn(AuthAppTestSupport.newUser("pw"), "pw", "2001:db8:1:3::d").status())
                .as("the next /64 is another client").isEqualTo(201);
    }

    @Test
    void theRequestRateLimitCountsASlash64AsOneClient() {
        for (int i = 1; i <= 6; i++) {
            assertThat(signIn("rate@example.test", "x", "2001:db8:7:7::" + Integer.toHexString(i)).status()).isNotEqualTo(429);
        }

        assertThat(signIn("rate@example.test", "x", "2001:db8:7:7::99").status()).isEqualTo(429);
        assertThat(signIn("rate@example.test", "x", "2001:db8:7:8::1").status()).isNotEqualTo(429);
    }

    @Test
    void ipv4ClientsAreStillCountedPerAddress() {
        for (String from : new String[] {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
            assertThat(signIn(AuthAppTestSupport.newUser("pw"), "wrong", from).status()).isEqualTo(401);
        }

        assertThat(signIn(AuthAppTestSupport.newUser("pw"), "pw", "198.51.100.4").status()).isEqualTo(201);
    }

    private Reply signIn(String address, String password, String forwardedFor) {
        return new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password),
                "X-Forwarded-For", forwardedFor);
    }
}
