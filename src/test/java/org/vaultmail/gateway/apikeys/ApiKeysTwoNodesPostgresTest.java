package org.vaultmail.gateway.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.TwoWebNodes;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/** Two nodes on one PostgreSQL schema: a key revoked through node A is refused on node B within 5 s. */
class ApiKeysTwoNodesPostgresTest {

    static TwoWebNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("--vaultmail.auth.throttle.requests-per-minute=0",
                "--vaultmail.gateway.api-keys.require-second-factor=false", "--vaultmail.mail.connect-timeout=2s"));
        AuthAppTestSupport.MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        nodes = TwoWebNodes.start("vaultmail-apikeys-two-nodes-", args, GrantProbe.class);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
    }

    @Test
    void aKeyRevokedOnNodeAIsRefusedOnNodeBWithinFiveSeconds() throws InterruptedException {
        String address = AuthAppTestSupport.newUser("pw");
        Reply signedIn = nodes.a.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
        String me = "Bearer " + signedIn.json().get("accessToken").asString();
        Reply created = nodes.a.send("POST", "/api/v1/api-keys", HttpCalls.json("name", "ci", "scopes", List.of("send")),
                "Authorization", me);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        String bearer = "Bearer " + key.get("key").asString();
        assertThat(nodes.b.get(GrantProbe.PATH, "Authorization", bearer).status()).isEqualTo(200);

        assertThat(nodes.a.send("DELETE", "/api/v1/api-keys/" + key.get("id").asLong(), null, "Authorization", me).status()).isEqualTo(204);
        long start = System.nanoTime();
        int status = Await.until("node B refuses the deleted key", Duration.ofSeconds(5),
                () -> nodes.b.get(GrantProbe.PATH, "Authorization", bearer).status(), s -> s == 401);
        assertThat(status).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
