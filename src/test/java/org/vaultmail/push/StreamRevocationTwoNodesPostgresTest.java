package org.vaultmail.push;

import org.vaultmail.testing.EventStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.auth.users.UserAdministration;
import org.vaultmail.mail.FolderWatcher;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TwoWebNodes;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/**
 * Two nodes on one PostgreSQL schema (issue 12 item 7, ADR 0029): a session that ends on node B (revoked by the user,
 * by the operator's "end all sessions", or expired by a policy that shortened its lifetime) loses its event stream,
 * its IMAP watch and its pooled IMAP connections on node A within 5 s, although node A never sees an event.
 */
class StreamRevocationTwoNodesPostgresTest {

    static final Duration BOUND = Duration.ofSeconds(5);
    static final MutableClock CLOCK = new MutableClock();
    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static TwoWebNodes nodes;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static HttpCalls a;
    static HttpCalls b;

    /** Watches and watched sessions on node A before this test's stream (a failed test may leave its own behind). */
    int watchesBefore;
    int watchedBefore;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        nodes = TwoWebNodes.start("vaultmail-stream-nodes-", nodeArgs(), SharedClock.class);
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
        a = nodes.a;
        b = nodes.b;
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
        MAIL.close();
    }

    @Test
    void aSessionRevokedOnNodeBLosesItsStreamAndImapConnectionsOnNodeAWithinFiveSeconds() throws Exception {
        String address = newUser();
        JsonNode onA = signIn(a, address);
        JsonNode onB = signIn(b, address);
        String sessionId = onA.get("sessionId").asString();
        try (EventStream events = openStreamAndPool(onA)) {
            Reply revoked = b.send("DELETE", "/api/v1/sessions/" + sessionId, null, "Authorization", bearer(onB));
            assertThat(revoked.status()).isEqualTo(204);

            assertEndsWithin(events, sessionId, BOUND);
        }
    }

    @Test
    void endingAllSessionsOfAUserFromTheConsoleOnNodeBEndsTheirStreamOnNodeA() throws Exception {
        String address = newUser();
        JsonNode onA = signIn(a, address);
        String sessionId = onA.get("sessionId").asString();
        try (EventStream events = openStreamAndPool(onA)) {
            assertThat(nodeB.getBean(UserAdministration.class).revokeAll(
                    nodes.db().jdbc().queryForObject("SELECT id FROM users WHERE address = ?", Long.class, address))).isEqualTo(1);

            assertEndsWithin(events, sessionId, BOUND);
        }
    }

    @Test
    void aSessionThatAShortenedPolicyEndsLosesItsStreamOnNodeAWithinFiveSeconds() throws Exception {
        String address = newUser();
        JsonNode onA = signIn(a, address);
        String sessionId = onA.get("sessionId").asString();
        AuthPolicies policiesB = nodeB.getBean(AuthPolicies.class);
        try (EventStream events = openStreamAndPool(onA)) {
            CLOCK.advance(Duration.ofMinutes(6)); // unused for 6 min: fine under the default idle limits
            Thread.sleep(1500); // the stream's session checks run meanwhile: an early ending would show now
            assertThat(events.raw).as("still open before the policy changes").noneMatch(l -> l.contains("ended"));

            assertThat(policiesB.save(policiesB.view().version(), Map.of(PolicyField.IDLE_TIMEOUT, "5m",
                    PolicyField.REMEMBER_IDLE_TIMEOUT, "5m"), "streams-test", null, null).outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);

            assertEndsWithin(events, sessionId, BOUND);
        } finally {
            policiesB.save(policiesB.view().version(), Map.of(PolicyField.IDLE_TIMEOUT, "", PolicyField.REMEMBER_IDLE_TIMEOUT, ""),
                    "streams-test", null, null);
        }
    }

    /** Reads the folders on node A (a pooled IMAP connection) and opens the event stream there (an IMAP watch). */
    private EventStream openStreamAndPool(JsonNode session) throws Exception {
        String sessionId = session.get("sessionId").asString();
        assertThat(a.get("/api/v1/folders", "Authorization", bearer(session)).status()).isEqualTo(200);
        watchesBefore = nodeA.getBean(FolderWatcher.class).activeWatches();
        watchedBefore = nodeA.getBean(SessionStreams.class).watchedSessions();
        EventStream events = EventStream.open(client, TwoWebNodes.port(nodeA), "/api/v1/events", "Authorization", bearer(session));
        assertThat(events.status).isEqualTo(200);
        events.await(Duration.ofSeconds(10), e -> e.name().equals("counts"));
        assertThat(nodeA.getBean(MailConnections.class).openConnections(sessionId)).isEqualTo(1);
        assertThat(nodeA.getBean(SessionStreams.class).watchedSessions()).isEqualTo(watchedBefore + 1);
        return events;
    }

    private void assertEndsWithin(EventStream events, String sessionId, Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        EventStream.Event ended = events.await(bound, e -> e.name().equals("ended"));
        assertThat(ended).as("an ended event, not just a closed stream").isNotEqualTo(EventStream.END);
        assertThat(ended.json().get("reason").asString()).isEqualTo("access-lost");
        assertThat(events.ended(bound)).isTrue();
        Duration left = bound.minus(Duration.ofNanos(System.nanoTime() - start));
        MailConnections pool = nodeA.getBean(MailConnections.class);
        FolderWatcher watcher = nodeA.getBean(FolderWatcher.class);
        Await.until("the session's pooled connections, stream and watch gone on node A", left, () -> pool.openConnections(sessionId) == 0 && nodeA.getBean(SessionStreams.class).watchedSessions() == watchedBefore
                && watcher.activeWatches() == watchesBefore);
        assertThat(pool.openConnections(sessionId)).as("pooled IMAP connections of the session on node A").isZero();
        assertThat(watcher.activeWatches()).as("IMAP watches on node A").isEqualTo(watchesBefore);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
    }

    private static String newUser() {
        String address = "s" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, "stream-pw");
        return address;
    }

    private static JsonNode signIn(HttpCalls node, String address) {
        Reply reply = node.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "stream-pw"));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json();
    }

    private static String bearer(JsonNode session) {
        return "Bearer " + session.get("accessToken").asString();
    }

    /** What the nodes of this test share beyond {@link TwoWebNodes}' defaults. */
    private static List<String> nodeArgs() {
        List<String> args = new ArrayList<>(List.of("--vaultmail.auth.throttle.requests-per-minute=0",
                "--vaultmail.mail.connect-timeout=2s"));
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }
}
