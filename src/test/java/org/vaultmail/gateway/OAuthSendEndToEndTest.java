package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.ReceivedMessage;

/**
 * Send-only OAuth mailboxes end to end over the API (ADR 0044): connect through the browserless login, send with an
 * API key, refresh on expiry, 401 → refresh and retry, Retry-After, withdrawn consent → held → reconnect → delivered
 * once, Graph; no token in answers or logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthSendEndToEndTest extends OAuthSendTestSupport {

    static final String PW = "oauth-send-e2e-pw-3f8a";

    @Test
    void connectSendRefreshWithdrawReconnect(CapturedOutput output) {
        GatewayApi api = new GatewayApi(port);
        String me = AuthAppTestSupport.newUser(PW);
        String session = api.signIn(me, PW);
        String account = "sender-g@example.test";
        int refreshes = AS.tokenRequests("google", "refresh_token");

        // connect, with access tokens that expire at once: every send needs a refresh
        try (var _ = AS.accessTokenTtl(Duration.ofSeconds(2))) {
            assertThat(connect(api, session, "google", account)).contains("oauth=connected");
        }
        Map<String, Object> row = jdbc.sql("SELECT id, kind, state, credentials FROM connected_mailboxes WHERE address = ?")
                .param(account).query().singleRow();
        assertThat(row).containsEntry("kind", "google").containsEntry("state", "connected").containsEntry("credentials", null);
        long mailbox = ((Number) row.get("id")).longValue();
        String key = api.createKey(session, "oauth e2e", "send", "outbox:read");

        // send through the API: the stub got the outbox's MIME byte for byte, with a token for gmail.send only
        String id = api.accepted(key, GatewayApi.message(account, "bob@example.net", "via Gmail", Map.of())).get("id").asString();
        api.awaitStatus(key, id, "sent", Duration.ofSeconds(20));
        ReceivedMessage got = only(GMAIL.received(), messageId(id));
        assertThat(got.raw()).isEqualTo(mime(id));
        assertThat(got.sender()).isEqualTo(account);
        assertThat(got.tokenScopes()).contains("https://www.googleapis.com/auth/gmail.send").doesNotContain("https://mail.google.com/");
        assertThat(AS.tokenRequests("google", "refresh_token")).as("refreshed on expiry").isGreaterThan(refreshes);

        // a 401 from the API: the token is dropped, a fresh one fetched, the message goes once
        GMAIL.failNext(401, null);
        String retried = api.accepted(key, GatewayApi.message(account, "bob@example.net", "after a 401", Map.of())).get("id").asString();
        api.awaitStatus(key, retried, "sent", Duration.ofSeconds(20));
        assertThat(count(GMAIL.received(), messageId(retried))).isEqualTo(1);

        // 429 with Retry-After: not before it
        GMAIL.failNext(429, Duration.ofSeconds(30));
        String limited = api.accepted(key, GatewayApi.message(account, "bob@example.net", "rate limited", Map.of())).get("id").asString();
        Await.until("the 429 recorded", Duration.ofSeconds(20), () -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_history WHERE message_id = ? AND detail LIKE '%rate_limited%'").param(limited)
                .query(Long.class).single() == 1);
        Instant next = jdbc.sql("SELECT next_attempt_at FROM outbox_messages WHERE id = ?").param(limited)
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(next).isAfter(Instant.now().plusSeconds(20));
        jdbc.sql("UPDATE outbox_messages SET next_attempt_at = ? WHERE id = ?").params(OffsetDateTime.now(), limited).update();
        api.awaitStatus(key, limited, "sent", Duration.ofSeconds(20));

        // the user withdraws consent at the provider: held, needs_reauth; connecting again sends it exactly once
        AS.revokeAuthorizations(account);
        String held = api.accepted(key, GatewayApi.message(account, "bob@example.net", "while withdrawn", Map.of())).get("id").asString();
        api.awaitStatus(key, held, "held", Duration.ofSeconds(20));
        assertThat(jdbc.sql("SELECT state FROM connected_mailboxes WHERE id = ?").param(mailbox).query(String.class).single())
                .isEqualTo("needs_reauth");
        assertThat(connect(api, session, "google", account)).contains("oauth=reauthenticated");
        api.awaitStatus(key, held, "sent", Duration.ofSeconds(20));
        assertThat(count(GMAIL.received(), messageId(held))).isEqualTo(1);

        // Microsoft 365 through Graph
        String outlook = "sender-m@example.test";
        assertThat(connect(api, session, "microsoft", outlook)).contains("oauth=connected");
        String viaGraph = api.accepted(key, GatewayApi.message(outlook, "bob@example.net", "via Graph", Map.of())).get("id").asString();
        api.awaitStatus(key, viaGraph, "sent", Duration.ofSeconds(20));
        assertThat(only(GRAPH.received(), messageId(viaGraph)).raw()).isEqualTo(mime(viaGraph));

        // tokens never in answers or logs
        String listed = api.http.get("/api/v1/mailboxes", "Authorization", session).body();
        assertThat(listed).contains(account).doesNotContain("access").doesNotContain("refresh");
        assertThat(output.getAll()).doesNotContain(LocalAuthorizationServer.clientSecret("google"))
                .doesNotContain(LocalAuthorizationServer.clientSecret("microsoft"));
    }

}
