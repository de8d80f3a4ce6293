package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.SlowImapServer;
import org.vaultmail.testing.TestDatabase;


/**
 * Issue 12, item 3 on PostgreSQL with two nodes: a burst of wrong passwords split over both nodes (each with its own
 * bind gate of 16) reaches the slow mail server at most the threshold times, because the reservation is one
 * database transaction that both nodes serialise on.
 */
class ParallelSignInTwoNodesPostgresTest {

    static final SlowImapServer SLOW = SlowImapServer.start(Duration.ofMillis(1000));
    static TestDatabase db;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("vaultmail-parallel-two-nodes-");
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dir);
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    static void stop() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (db != null) db.close();
        SLOW.close();
    }

    @Test
    void thirtyTwoParallelWrongPasswordsOverTwoNodesReachTheMailServerAtMostThresholdTimes() throws Exception {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@slow.test";
        int[] ports = {port(nodeA), port(nodeB)};

        List<Integer> statuses = ParallelSignInTest.burst(ParallelSignInTest.BURST, i -> new HttpCalls(ports[i % 2])
                .send("POST", "/api/v1/sessions", HttpCalls.json("address", victim, "password", "guess-" + i)).status());

        assertThat(statuses).allMatch(s -> s == 401);
        assertThat(SLOW.logins()).as("LOGINs the mail server saw (account threshold 5)").isBetween(1, 5);
    }

    private static ConfigurableApplicationContext node() {
        List<String> args = new ArrayList<>(db.springArgs());
        args.addAll(List.of("--server.port=0", "--vaultmail.scheduling.enabled=false", "--logging.level.root=warn",
                "--vaultmail.auth.throttle.min-failure-duration=0ms", "--vaultmail.auth.throttle.failure-jitter=0ms",
                "--vaultmail.auth.throttle.requests-per-minute=0", "--vaultmail.auth.throttle.account-failures=5",
                "--vaultmail.auth.throttle.bind-wait=5s", "--vaultmail.mail.connect-timeout=2s"));
        SLOW.domainProperties(0, "slow.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(VaultmailApplication.class).web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }
}
