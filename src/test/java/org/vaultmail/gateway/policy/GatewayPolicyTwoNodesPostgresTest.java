package org.vaultmail.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.TwoWebNodes;
import org.vaultmail.testing.Await;

/**
 * Two nodes on one PostgreSQL schema (ADR 0040): a gateway policy saved on node A is in force there at once and on
 * node B within {@link StoredGatewayPolicies#REFRESH} (plus a margin: 2.5 s); a save on node B based on the version
 * before node A's is refused as a conflict, and the refused save changes nothing.
 */
@Tag("postgres")
class GatewayPolicyTwoNodesPostgresTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static TwoWebNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>();
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        nodes = TwoWebNodes.start("vaultmail-gateway-policy-", args);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
    }

    @Test
    void aSaveOnNodeAIsInForceOnNodeBWithinTwoAndAHalfSecondsAndAStaleSaveOnNodeBConflicts() throws InterruptedException {
        StoredGatewayPolicies onA = nodes.nodeA.getBean(StoredGatewayPolicies.class);
        GatewayPolicies onB = nodes.nodeB.getBean(GatewayPolicies.class);
        StoredGatewayPolicies storedOnB = nodes.nodeB.getBean(StoredGatewayPolicies.class);
        assertThat(onB).isSameAs(storedOnB);
        assertThat(onB.current().sendPerMinute()).as("configured default, now cached on node B").isEqualTo(60);
        long before = onA.view().version();
        try {
            Map<GatewayPolicyField, String> input = new EnumMap<>(GatewayPolicyField.class);
            input.put(GatewayPolicyField.SEND_PER_MINUTE, "12");
            input.put(GatewayPolicyField.DISABLED_DOMAINS, "blocked.test");
            assertThat(onA.save(before, input, "two-nodes", null).outcome()).isEqualTo(StoredGatewayPolicies.Outcome.SAVED);
            long saved = System.nanoTime();
            assertThat(onA.current().sendPerMinute()).as("at once on the node that saved").isEqualTo(12);
            Await.until("node B sees the new limit", Duration.ofSeconds(10), () -> onB.current().sendPerMinute() == 12);
            Duration took = Duration.ofNanos(System.nanoTime() - saved);
            assertThat(onB.current().sendPerMinute()).isEqualTo(12);
            assertThat(onB.current().connectingAllowed("blocked.test")).isFalse();
            assertThat(took).as("within the stated bound").isLessThan(Duration.ofMillis(2_500));

            assertThat(storedOnB.save(before, Map.of(GatewayPolicyField.SEND_PER_MINUTE, "13"), "other-op", null).outcome())
                    .as("based on the version before node A's save").isEqualTo(StoredGatewayPolicies.Outcome.CONFLICT);
            assertThat(onA.view().entries().stream().filter(e -> e.field() == GatewayPolicyField.SEND_PER_MINUTE).findFirst()
                    .orElseThrow().stored()).isEqualTo("12");
        } finally {
            Map<GatewayPolicyField, String> blank = new EnumMap<>(GatewayPolicyField.class);
            for (GatewayPolicyField f : GatewayPolicyField.values()) blank.put(f, "");
            onA.save(onA.view().version(), blank, "two-nodes", null);
        }
    }
}
