package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

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

    /** A user with a Gmail mailbox connected over OAuth (an account of this test's own) and an API key that sends. */
    private record Connected(GatewayApi api, String session, String account, long mailbox, String key) {
    }

    private Connected gmail() {
        GatewayApi api = new GatewayApi(port);
        String me = AuthAppTestSupport.newUser(PW);
        String session = api.signIn(me, PW);
        String account = "sender-g-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        assertThat(connect(api, session, "google", account)).contains("oauth=connected");
        long mailbox = jdbc.sql("SELECT id FROM connected_mailboxes WHERE address = ?").param(account).query(Long.class).single();
        return new Connected(api, session, account, mailbox, api.createKey(session, "oauth e2e", "send", "outbox:read"));
    }

    private String send(Connected c, String from, String subject) {
        return c.api().accepted(c.key(), GatewayApi.message(from, "bob@example.net", subject, Map.of())).get("id").asString();
    }

    @Test
    void aConnectedGmailMailboxHoldsNoPasswordAndGetsTheOutboxMimeWithASendOnlyTokenRefreshedOnExpiry(CapturedOutput output) {
        GatewayApi api = new GatewayApi(port);
        String me = AuthAppTestSupport.newUser(PW);
        String session = api.signIn(me, PW);
        String account = "sender-g-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        int refreshes = AS.tokenRequests("google", "refresh_token");

        // connect, with access tokens that expire at once: every send needs a refresh
        try (var _ = AS.accessTokenTtl(Duration.ofSeconds(2))) {
            assertThat(connect(api, session, "google", account)).contains("oauth=connected");
        }
        Map<String, Object> row = jdbc.sql("SELECT id, kind, state, credentials FROM connected_mailboxes WHERE address = ?")
                .param(account).query().singleRow();
        assertThat(row).containsEntry("kind", "google").containsEntry("state", "connected").containsEntry("credentials", null);
        long mailbox = ((Number) row.get("id")).longValue();
        Connected c = new Connected(api, session, account, mailbox, api.createKey(session, "oauth e2e", "send", "outbox:read"));

        // send through the API: the stub got the outbox's MIME byte for byte, with a token for gmail.send only
        String id = send(c, account, "via Gmail");
        api.awaitStatus(c.key(), id, "sent", Duration.ofSeconds(20));
        ReceivedMessage got = only(GMAIL.received(), messageId(id));
        assertThat(got.raw()).isEqualTo(mime(id));
        assertThat(got.sender()).isEqualTo(account);
        assertThat(got.tokenScopes()).contains("https://www.googleapis.com/auth/gmail.send").doesNotContain("https://mail.google.com/");
        assertThat(AS.tokenRequests("google", "refresh_token")).as("refreshed on expiry").isGreaterThan(refreshes);
        assertNoTokenShown(c, output);
    }

    @Test
    void a401FromTheApiDropsTheTokenFetchesAFreshOneAndTheMessageGoesOnce(CapturedOutput output) {
        Connected c = gmail();

        GMAIL.failNext(401, null);
        String retried = send(c, c.account(), "after a 401");

        c.api().awaitStatus(c.key(), retried, "sent", Duration.ofSeconds(20));
        assertThat(count(GMAIL.received(), messageId(retried))).isEqualTo(1);
        assertNoTokenShown(c, output);
    }

    @Test
    void a429IsNotRetriedBeforeItsRetryAfter(CapturedOutput output) {
        Connected c = gmail();

        GMAIL.failNext(429, Duration.ofSeconds(30));
        String limited = send(c, c.account(), "rate limited");

        Await.until("the 429 recorded", Duration.ofSeconds(20), () -> jdbc.sql(
                "SELECT COUNT(*) FROM outbox_history WHERE message_id = ? AND detail LIKE '%rate_limited%'").param(limited)
                .query(Long.class).single() == 1);
        Instant next = jdbc.sql("SELECT next_attempt_at FROM outbox_messages WHERE id = ?").param(limited)
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(next).isAfter(Instant.now().plusSeconds(20));
        jdbc.sql("UPDATE outbox_messages SET next_attempt_at = ? WHERE id = ?").params(OffsetDateTime.now(), limited).update();
        c.api().awaitStatus(c.key(), limited, "sent", Duration.ofSeconds(20));
        assertNoTokenShown(c, output);
    }

    @Test
    void withdrawnConsentHoldsTheMailAndNeedsReauthUntilConnectingAgainSendsItOnce(CapturedOutput output) {
        Connected c = gmail();

        // the user withdraws consent at the provider: held, needs_reauth; connecting again sends it exactly once
        AS.revokeAuthorizations(c.account());
        String held = send(c, c.account(), "while withdrawn");

        c.api().awaitStatus(c.key(), held, "held", Duration.ofSeconds(20));
        assertThat(jdbc.sql("SELECT state FROM connected_mailboxes WHERE id = ?").param(c.mailbox()).query(String.class).single())
                .isEqualTo("needs_reauth");
        assertThat(connect(c.api(), c.session(), "google", c.account())).contains("oauth=reauthenticated");
        c.api().awaitStatus(c.key(), held, "sent", Duration.ofSeconds(20));
        assertThat(count(GMAIL.received(), messageId(held))).isEqualTo(1);
        assertNoTokenShown(c, output);
    }

    @Test
    void aMicrosoftMailboxSendsThroughGraphTheOutboxMime(CapturedOutput output) {
        Connected c = gmail();
        String outlook = "sender-m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        assertThat(connect(c.api(), c.session(), "microsoft", outlook)).contains("oauth=connected");
        String viaGraph = send(c, outlook, "via Graph");

        c.api().awaitStatus(c.key(), viaGraph, "sent", Duration.ofSeconds(20));
        assertThat(only(GRAPH.received(), messageId(viaGraph)).raw()).isEqualTo(mime(viaGraph));
        assertNoTokenShown(c, output);
    }

    /** Tokens never in answers or logs: the mailbox list names the account and no token; no client secret is logged. */
    private static void assertNoTokenShown(Connected c, CapturedOutput output) {
        String listed = c.api().http.get("/api/v1/mailboxes", "Authorization", c.session()).body();
        assertThat(listed).contains(c.account()).doesNotContain("access").doesNotContain("refresh");
        assertThat(output.getAll()).doesNotContain(LocalAuthorizationServer.clientSecret("google"))
                .doesNotContain(LocalAuthorizationServer.clientSecret("microsoft"));
    }

}
