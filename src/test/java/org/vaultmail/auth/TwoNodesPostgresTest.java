package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TwoWebNodes;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/**
 * Two app nodes (HTTP on their own ports) on one PostgreSQL schema: a session revoked on one node is
 * refused on the other within 5 s, sign-in failure counters are shared (G9), and a policy saved on one node
 * applies on the other within {@link AuthPolicies#REFRESH} (ADR 0022).
 */
class TwoNodesPostgresTest {

    static final MutableClock CLOCK = new MutableClock();
    static TwoWebNodes nodes;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static HttpCalls a;
    static HttpCalls b;

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
        nodes = TwoWebNodes.start("vaultmail-two-nodes-", nodeArgs(), SharedClock.class);
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
    void sessionRevokedOnNodeBIsRefusedOnNodeAWithinFiveSeconds() throws InterruptedException {
        String address = AuthAppTestSupport.newUser("pw");
        JsonNode first = signIn(a, address, "pw").json();
        JsonNode second = signIn(b, address, "pw").json();
        String firstToken = AuthAppTestSupport.bearer(first.get("accessToken").asString());
        assertThat(a.get("/api/v1/sessions", "Authorization", firstToken).status()).isEqualTo(200);

        Reply revoked = b.send("DELETE", "/api/v1/sessions/" + first.get("sessionId").asString(), null,
                "Authorization", AuthAppTestSupport.bearer(second.get("accessToken").asString()));
        assertThat(revoked.status()).isEqualTo(204);
        long start = System.nanoTime();

        int status = Await.until("node A refuses the revoked session", Duration.ofSeconds(5),
                () -> a.get("/api/v1/sessions", "Authorization", firstToken).status(), s -> s == 401);
        assertThat(status).isEqualTo(401);
        // every request reads the session row, so it is in fact immediate: the first request already failed
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void failuresOnNodeAMakeNodeBWaitTooAndTheUserGetsInAfterTheWait() {
        String address = AuthAppTestSupport.newUser("right-pw");
        for (int i = 0; i < 5; i++) assertThat(signIn(a, address, "wrong-" + i).status()).isEqualTo(401);

        assertThat(signIn(b, address, "right-pw").status()).isEqualTo(401);
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(signIn(b, address, "right-pw").status()).isEqualTo(201);
    }

    @Test
    void aPolicySavedOnNodeAAppliesOnNodeBWithinTheRefreshBoundAndAStaleSaveOnNodeBConflicts() throws InterruptedException {
        AuthPolicies onA = nodeA.getBean(AuthPolicies.class);
        AuthPolicies onB = nodeB.getBean(AuthPolicies.class);
        assertThat(onB.current().accountFailures()).as("configured default, now cached on node B").isEqualTo(5);
        long before = onA.view().version();
        try {
            assertThat(onA.save(before, Map.of(PolicyField.ACCOUNT_FAILURES, "2"), "two-nodes", null, null).outcome())
                    .isEqualTo(AuthPolicies.Outcome.SAVED);
            long saved = System.nanoTime();
            assertThat(onA.current().accountFailures()).as("at once on the node that saved").isEqualTo(2);
            Await.until("node B sees the new threshold", Duration.ofSeconds(10), () -> onB.current().accountFailures() == 2);
            Duration took = Duration.ofNanos(System.nanoTime() - saved);
            assertThat(onB.current().accountFailures()).isEqualTo(2);
            assertThat(took).as("within the stated bound").isLessThan(AuthPolicies.REFRESH.plusMillis(500));

            String address = AuthAppTestSupport.newUser("right-pw");
            for (int i = 0; i < 2; i++) assertThat(signIn(a, address, "wrong-" + i).status()).isEqualTo(401);
            assertThat(signIn(b, address, "right-pw").status()).as("node B locks after the policy's 2 failures").isEqualTo(401);

            assertThat(onB.save(before, Map.of(PolicyField.ACCOUNT_FAILURES, "3"), "other-op", null, null).outcome())
                    .as("based on the version before node A's save").isEqualTo(AuthPolicies.Outcome.CONFLICT);
            assertThat(onA.view().entries().stream().filter(e -> e.field() == PolicyField.ACCOUNT_FAILURES).findFirst()
                    .orElseThrow().stored()).isEqualTo("2");
        } finally {
            onA.save(onA.view().version(), Map.of(PolicyField.ACCOUNT_FAILURES, ""), "two-nodes", null, null);
            long reset = System.nanoTime();
            // no Await here: in finally, a timeout must not hide the test's own failure
            while (onB.current().accountFailures() != 5 && System.nanoTime() - reset < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(20);
            }
        }
    }

    private static Reply signIn(HttpCalls node, String address, String password) {
        return node.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password));
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
