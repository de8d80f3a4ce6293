package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TwoWebNodes;

/**
 * Sudo mode (ADR 0026) on two nodes sharing one PostgreSQL schema: a proof made through node A lets the same session
 * act on node B at once, covers no other session there, and ends after the window on both; wrong proofs on node A
 * make the account wait on node B.
 */
class RecentAuthenticationPostgresTest {

    static final MutableClock CLOCK = new MutableClock();
    static TwoWebNodes nodes;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static HttpCalls a;
    static HttpCalls b;
    /** Each enrolled user's TOTP secret in base32, for further codes. */
    static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

    /** Both nodes read the same settable clock. */
    @Configuration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        MutableClock sharedClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoWebNodes.start("vaultmail-sudo-two-nodes-", nodeArgs(), SharedClock.class);
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
        a = nodes.a;
        b = nodes.b;
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
    }

    @Test
    void aProofThroughNodeACoversItsSessionOnNodeBButNoOtherAndNotAfterTheWindow() {
        String address = enrolledUser();
        String first = apiSession(a, address);
        String second = apiSession(b, address);
        CLOCK.advance(Duration.ofSeconds(30));

        assertThat(a.send("POST", "/api/v1/sessions/current/reauthenticate", HttpCalls.json("otp", code(address)),
                "Authorization", first).status()).isEqualTo(200);

        assertThat(b.send("POST", "/api/v1/settings/mfa/recovery-codes", null, "Authorization", second).status())
                .as("another session, on node B").isEqualTo(403);
        assertThat(b.send("POST", "/api/v1/settings/mfa/recovery-codes", null, "Authorization", first).status())
                .as("the same session, on node B").isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(5));
        assertThat(b.send("DELETE", "/api/v1/settings/mfa", null, "Authorization", first).status())
                .as("after the window").isEqualTo(403);
        assertThat(a.send("DELETE", "/api/v1/settings/mfa", null, "Authorization", first).status())
                .as("after the window").isEqualTo(403);
    }

    @Test
    void wrongProofsThroughNodeAMakeTheAccountWaitOnNodeB() {
        String address = enrolledUser();
        String token = apiSession(a, address);
        CLOCK.advance(Duration.ofSeconds(30));
        String wrong = "000000".equals(code(address)) ? "111111" : "000000";

        for (int i = 0; i < 5; i++) {
            assertThat(a.send("POST", "/api/v1/sessions/current/reauthenticate", HttpCalls.json("otp", wrong),
                    "Authorization", token).status()).isEqualTo(401);
        }

        Reply locked = a.send("POST", "/api/v1/sessions/current/reauthenticate", HttpCalls.json("otp", code(address)),
                "Authorization", token);
        assertThat(locked.status()).as("the right code during the wait").isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        Reply signIn = b.send("POST", "/api/v1/sessions",
                HttpCalls.json("address", address, "password", "pw", "otp", code(address)));
        assertThat(signIn.status()).as("sign-in on node B during the wait").isEqualTo(401);
    }

    /** A user with TOTP on (through node A's service); the code of its current step is spent. */
    private static String enrolledUser() {
        String address = AuthAppTestSupport.newUser("pw");
        assertThat(a.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw")).status()).isEqualTo(201);
        long userId = nodeA.getBean(JdbcClient.class).sql("SELECT id FROM users WHERE address = ?").param(address)
                .query(Long.class).single();
        SECRETS.put(address, MfaFixtures.enrolWithSecret(nodeA.getBean(UserMfa.class), userId, address, CLOCK));
        return address;
    }

    private static String apiSession(HttpCalls node, String address) {
        CLOCK.advance(Duration.ofSeconds(30)); // each code works once
        Reply reply = node.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw", "otp", code(address)));
        assertThat(reply.status()).as("API sign-in").isEqualTo(201);
        return AuthAppTestSupport.bearer(reply.json().get("accessToken").asString());
    }

    private static String code(String address) {
        Totp totp = Totp.standard(CLOCK);
        return totp.code(Base32.decode(SECRETS.get(address)), totp.currentStep());
    }

    /** What the nodes of this test share beyond {@link TwoWebNodes}' defaults. */
    private static List<String> nodeArgs() {
        List<String> args = new ArrayList<>(List.of("--vaultmail.auth.throttle.min-failure-duration=0ms",
                "--vaultmail.auth.throttle.failure-jitter=0ms",
                "--vaultmail.auth.throttle.requests-per-minute=0",
                "--vaultmail.mail.connect-timeout=2s"));
        AuthAppTestSupport.MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }
}
