package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.SlowImapServer;
import org.vaultmail.testing.TwoWebNodes;

/**
 * Issue 12, item 3 on PostgreSQL with two nodes: a burst of wrong passwords split over both nodes (each with its own
 * bind gate of 16) reaches the slow mail server at most the threshold times, because the reservation is one
 * database transaction that both nodes serialise on.
 */
class ParallelSignInTwoNodesPostgresTest {

    static final SlowImapServer SLOW = SlowImapServer.start(Duration.ofMillis(1000));
    static TwoWebNodes nodes;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoWebNodes.start("vaultmail-parallel-two-nodes-", nodeArgs());
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
        SLOW.close();
    }

    @Test
    void thirtyTwoParallelWrongPasswordsOverTwoNodesReachTheMailServerAtMostThresholdTimes() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@slow.test";
        int[] ports = {TwoWebNodes.port(nodeA), TwoWebNodes.port(nodeB)};

        List<Integer> statuses = ParallelSignInTest.burst(ParallelSignInTest.BURST, i -> new HttpCalls(ports[i % 2])
                .send("POST", "/api/v1/sessions", HttpCalls.json("address", victim, "password", "guess-" + i)).status());

        assertThat(statuses).allMatch(s -> s == 401);
        assertThat(SLOW.logins()).as("LOGINs the mail server saw (account threshold 5)").isBetween(1, 5);
    }

    /** What the nodes of this test share beyond {@link TwoWebNodes}' defaults. */
    private static List<String> nodeArgs() {
        List<String> args = new ArrayList<>(List.of("--vaultmail.auth.throttle.min-failure-duration=0ms",
                "--vaultmail.auth.throttle.failure-jitter=0ms",
                "--vaultmail.auth.throttle.requests-per-minute=0",
                "--vaultmail.auth.throttle.account-failures=5",
                "--vaultmail.auth.throttle.bind-wait=5s",
                "--vaultmail.mail.connect-timeout=2s"));
        SLOW.domainProperties(0, "slow.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }
}
