package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.PrivateDovecot;

/**
 * Issue 12 item 10: against a Dovecot that trusts Vaultmail's address ({@code login_trusted_networks}), one client's
 * burst of wrong passwords does not slow another client's sign-in, because Vaultmail tells Dovecot who is signing in
 * (RFC 2971 {@code ID}) and Dovecot's auth penalty is per address. For a domain with {@code send-client-address: false}
 * every login comes from Vaultmail's address, and the same burst slows everyone (the symptom).
 * Both clients come through a trusted proxy (loopback) with {@code X-Forwarded-For}.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientAddressReachesImapTest {

    static PrivateDovecot dovecot;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        dovecot = PrivateDovecot.start(Map.of("alice@trusted.test", "alice-pass", "bob@trusted.test", "bob-pass",
                        "alice@silent.test", "alice-pass", "bob@silent.test", "bob-pass"),
                // Vaultmail's address is trusted to name the client; no flat delay per failure, only the penalty
                List.of("login_trusted_networks = 127.0.0.0/8", "auth_failure_delay = 0"));
        String dataDir = Files.createTempDirectory("vaultmail-client-id-").toString();
        registry.add("vaultmail.data-dir", () -> dataDir);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.web.trusted-proxies", () -> "127.0.0.1");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        registry.add("vaultmail.mail.read-timeout", () -> "40s"); // a penalised login is slow, not cut off
        dovecot.domainProperties(0, "trusted.test", true).forEach((k, v) -> registry.add(k, () -> v));
        dovecot.domainProperties(1, "silent.test", false).forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
    }

    @Test
    void oneClientsWrongPasswordsDoNotSlowAnotherClientsSignIn() throws Exception {
        guess("alice@trusted.test", "198.51.100.7");

        long started = System.nanoTime();
        Reply victim = signIn("bob@trusted.test", "bob-pass", "203.0.113.9");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(victim.status()).as(victim.body()).isEqualTo(201);
        assertThat(took).as("the other client's sign-in is not delayed by the guesser's penalty").isLessThan(Duration.ofSeconds(3));
        assertThat(dovecot.log()).as("Dovecot sees the real clients")
                .contains("user=<bob@trusted.test>, method=PLAIN, rip=203.0.113.9")
                .contains("user=<alice@trusted.test>, method=PLAIN, rip=198.51.100.7");
    }

    @Test
    void theSessionsMailboxConnectionsNameTheClientToo() throws Exception {
        Reply session = signIn("alice@trusted.test", "alice-pass", "192.0.2.41");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        String bearer = "Bearer " + session.json().get("accessToken").asString();

        Reply folders = new HttpCalls(port).get("/api/v1/folders", "Authorization", bearer, "X-Forwarded-For", "192.0.2.42");

        assertThat(folders.status()).as(folders.body()).isEqualTo(200);
        assertThat(dovecot.log()).as("the pool's connection, opened while serving the client at 192.0.2.42")
                .contains("user=<alice@trusted.test>, method=PLAIN, rip=192.0.2.42");
    }

    @Test
    void withoutTheClientAddressOneClientsWrongPasswordsSlowEveryone() throws Exception {
        guess("alice@silent.test", "198.51.100.8");

        long started = System.nanoTime();
        Reply victim = signIn("bob@silent.test", "bob-pass", "203.0.113.10");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(victim.status()).as(victim.body()).isEqualTo(201);
        assertThat(took).as("every login comes from Vaultmail's address, which the guesser got penalised")
                .isGreaterThan(Duration.ofSeconds(5));
        assertThat(dovecot.log()).doesNotContain("rip=203.0.113.10").doesNotContain("rip=198.51.100.8");
    }

    /**
     * Two different wrong passwords, one after the other: Dovecot's penalty for the address they come from grows
     * so that its next login waits several seconds (a repeated password would not count).
     */
    private void guess(String address, String client) {
        for (int i = 0; i < 2; i++) {
            Reply refused = signIn(address, "wrong-" + i, client);
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        }
    }

    private Reply signIn(String address, String password, String client) {
        return new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password),
                "X-Forwarded-For", client);
    }
}
