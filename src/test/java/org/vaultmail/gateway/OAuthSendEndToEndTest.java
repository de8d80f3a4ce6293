package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.outbox.OutboxContent;
import org.vaultmail.gateway.outbox.OutboxStore;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.oauth.GmailApiStub;
import org.vaultmail.testing.oauth.GraphApiStub;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.OAuthBrowserlessLogin;
import org.vaultmail.testing.oauth.ReceivedMessage;

/**
 * Send-only OAuth mailboxes end to end (ADR 0044): the real oauth module against the local authorization server
 * (providers {@code google} and {@code microsoft}), the Gmail and Graph stand-ins that introspect the bearer token,
 * the real outbox API, worker (300 ms poll) and webhooks. Connect through the browserless login, send with an API key,
 * refresh on expiry, 401 → refresh and retry, withdrawn consent → held → reconnect → delivered once, Retry-After.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class OAuthSendEndToEndTest {

    static final LocalAuthorizationServer AS = LocalAuthorizationServer.start();
    static final GmailApiStub GMAIL = GmailApiStub.start(AS);
    static final GraphApiStub GRAPH = GraphApiStub.start(AS);
    static final String PW = "oauth-send-e2e-pw-3f8a";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutboxStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        AuthAppTestSupport.appProperties(registry);
        ApiTestApp.register(registry, "vaultmail-oauth-send-e2e-");
        registry.add("vaultmail.gateway.outbox.worker-enabled", () -> "true");
        registry.add("vaultmail.gateway.outbox.poll-interval", () -> "300ms");
        registry.add("vaultmail.gateway.outbox.backoff-base", () -> "1s");
        registry.add("vaultmail.gateway.outbox.backoff-max", () -> "2s");
        registry.add("vaultmail.gateway.api-keys.require-second-factor", () -> "false");
        Map<String, String> all = new java.util.LinkedHashMap<>(AS.providerProperties("google", GMAIL.baseUri(), List.of()));
        all.putAll(AS.providerProperties("microsoft", GRAPH.baseUri(), List.of()));
        all.put("vaultmail.oauth.providers.google.purposes", "SEND");
        all.put("vaultmail.oauth.providers.microsoft.purposes", "SEND");
        all.forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        GMAIL.close();
        GRAPH.close();
        AS.close();
    }

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

    /** Starts the flow over the API, logs in at the authorization server, calls the callback with the flow cookie. */
    private static String connect(GatewayApi api, String session, String provider, String account) {
        HttpCalls.Reply started = api.http.send("POST", "/api/v1/mailboxes/oauth/" + provider, null, "Authorization", session);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String cookies = String.join("; ", started.headers("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
        URI callback = OAuthBrowserlessLogin.callbackFor(URI.create(started.json().get("authorizationUrl").asString()), account);
        HttpCalls.Reply page = api.http.get(callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie", cookies);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.body().replace("&amp;", "&");
    }

    private String messageId(String id) {
        return jdbc.sql("SELECT message_id FROM outbox_messages WHERE id = ?").param(id).query(String.class).single();
    }

    /** The MIME the outbox stored for the message. */
    private byte[] mime(String id) {
        Map<String, Object> r = jdbc.sql("SELECT user_id, content FROM outbox_messages WHERE id = ?").param(id).query().singleRow();
        OutboxContent content = store.open(id, ((Number) r.get("user_id")).longValue(), (byte[]) r.get("content"));
        return content.mime();
    }

    private static ReceivedMessage only(List<ReceivedMessage> received, String messageId) {
        List<ReceivedMessage> matching = received.stream().filter(m -> has(m, messageId)).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static long count(List<ReceivedMessage> received, String messageId) {
        return received.stream().filter(m -> has(m, messageId)).count();
    }

    private static boolean has(ReceivedMessage m, String messageId) {
        try {
            String[] ids = m.message().getHeader("Message-ID");
            return ids != null && (ids[0].equals(messageId) || ids[0].equals("<" + messageId + ">"));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
