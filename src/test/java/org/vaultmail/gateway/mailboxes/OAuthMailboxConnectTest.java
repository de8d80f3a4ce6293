package org.vaultmail.gateway.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.testing.HttpCalls;

/**
 * The {@code mailbox-connect} flow's handler and what it stores (ADR 0044), with in-memory oauth beans
 * ({@link FakeOAuth}): a new mailbox with the ID token's email, reconnect (grant replaced, held mail released),
 * refusals (nothing stored, fresh tokens revoked), failures as page codes, disconnect deleting the grant.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthMailboxConnectTest extends OAuthMailboxesTestSupport {

    static final String PW = "oauth-connect-pw-5e1a";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    FakeOAuth.State oauth;
    @Autowired
    ConnectedMailboxes mailboxes;
    @Autowired
    GatewayEvents recorded;
    @Autowired
    java.util.List<OAuthCallbackHandler> handlers;

    @Test
    void aCompletedFlowConnectsASendOnlyMailboxNamedByTheIdTokensEmail(CapturedOutput output) {
        String me = newUser(PW);
        String token = token(me, PW);
        String email = "sender-g-" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.test";

        String page = complete(FakeOAuth.GOOGLE, email, me);

        Map<String, Object> row = jdbc.sql("SELECT id, kind, state, credentials, oauth_grant_id FROM connected_mailboxes WHERE address = ?")
                .param(email).query().singleRow();
        long id = ((Number) row.get("id")).longValue();
        assertThat(page).isEqualTo("/settings/api/mailboxes?oauth=connected&provider=google&mailbox=" + id);
        assertThat(row).containsEntry("kind", "google").containsEntry("state", "connected").containsEntry("credentials", null);
        long grant = ((Number) row.get("oauth_grant_id")).longValue();
        assertThat(oauth.grants.get(grant).email()).isEqualTo(email);
        assertThat(oauth.grants.get(grant).userId()).isEqualTo(userId(me));
        assertThat(mailboxes.byId(id).orElseThrow().kind()).isEqualTo(ConnectedMailbox.Kind.GOOGLE);
        assertThat(recorded.withAction("gateway.mailbox.connected", "mailbox:" + id)).singleElement().satisfies(e -> {
            assertThat(e.webhookType()).isEqualTo("mailbox.connected");
            assertThat(e.details()).containsEntry("kind", "google").containsEntry("address", email);
        });
        HttpCalls.Reply list = http().get("/api/v1/mailboxes", "Authorization", token);
        assertThat(list.json().get(0).get("kind").asString()).isEqualTo("google");
        assertThat(list.body()).doesNotContain("CANARY");
        assertThat(output.getAll()).doesNotContain("CANARY");
        assertThat(recorded.events.toString()).doesNotContain("CANARY");
    }

    @Test
    void connectingTheSameAccountAgainReplacesTheGrantAndReleasesHeldMail() {
        String me = newUser(PW);
        String email = "sender-m-" + UUID.randomUUID().toString().substring(0, 6) + "@outlook.test";
        complete(FakeOAuth.MICROSOFT, email, me);
        long id = mailboxId(email);
        long grant = grantOf(id);
        mailboxes.authenticationFailed(id); // the worker met invalid_grant
        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.NEEDS_REAUTH);

        String page = complete(FakeOAuth.MICROSOFT, email, me);

        assertThat(page).contains("oauth=reauthenticated");
        assertThat(oauth.calls).contains("replace " + grant);
        assertThat(grantOf(id)).isEqualTo(grant);
        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.CONNECTED);
        assertThat(recorded.events).contains(new MailboxReauthenticated(id, userId(me)));
        assertThat(recorded.withAction("gateway.mailbox.reauthenticated", "mailbox:" + id)).hasSize(1);

        assertThat(complete(FakeOAuth.MICROSOFT, email, me)).as("while connected: tokens renewed, nothing released")
                .contains("oauth=reconnected");
        assertThat(recorded.events.stream().filter(new MailboxReauthenticated(id, userId(me))::equals).count()).isEqualTo(1);
    }

    @Test
    void anAddressConnectedWithItsPasswordIsNotTakenOverAndTheFreshTokensAreRevoked() {
        String me = newUser(PW);
        assertThat(connect(token(me, PW), null, PW).status()).isEqualTo(201);
        int calls = oauth.calls.size();

        String page = complete(FakeOAuth.GOOGLE, me, me);

        assertThat(page).contains("oauth=already-connected");
        assertThat(jdbc.sql("SELECT kind FROM connected_mailboxes WHERE address = ?").param(me).query(String.class).single()).isEqualTo("own");
        assertThat(oauth.calls.subList(calls, oauth.calls.size())).containsExactly("revoke google");
    }

    @Test
    void theCapCountsOAuthMailboxesToo() {
        String me = newUser(PW);
        for (int i = 0; i < MAX_PER_USER; i++) complete(FakeOAuth.GOOGLE, "cap" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.test", me);

        assertThat(complete(FakeOAuth.GOOGLE, "one-too-many@gmail.test", me)).contains("oauth=too-many-mailboxes");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connected_mailboxes WHERE address = 'one-too-many@gmail.test'").query(Long.class).single()).isZero();
    }

    @Test
    void aFailedFlowLandsOnThePageWithACodeOnly() {
        OAuthCallbackHandler handler = handler();
        for (var c : Map.of(OAuthFailure.Reason.DENIED, "denied", OAuthFailure.Reason.SCOPE_NOT_GRANTED, "scope-not-granted",
                OAuthFailure.Reason.EXPIRED, "expired", OAuthFailure.Reason.ID_TOKEN_INVALID, "id-token-invalid",
                OAuthFailure.Reason.EXCHANGE_FAILED, "failed").entrySet()) {
            assertThat(handler.failed(new OAuthFailure(FakeOAuth.GOOGLE, OAuthPurpose.SEND, Map.of(), c.getKey()),
                    new MockHttpServletRequest(), new MockHttpServletResponse()))
                    .isEqualTo("/settings/api/mailboxes?oauth=" + c.getValue() + "&provider=google");
        }
    }

    @Test
    void disconnectDeletesTheMailboxAndItsGrant() {
        String me = newUser(PW);
        String email = "sender-d-" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.test";
        complete(FakeOAuth.GOOGLE, email, me);
        long id = mailboxId(email);
        long grant = grantOf(id);

        assertThat(http().send("DELETE", "/api/v1/mailboxes/" + id, null, "Authorization", token(me, PW)).status()).isEqualTo(204);

        assertThat(oauth.calls).contains("delete " + grant);
        assertThat(oauth.grants).doesNotContainKey(grant);
        assertThat(mailboxes.byId(id)).isEmpty();
    }

    @Test
    void theApiStartsTheFlowForAConfiguredProviderOnly() {
        String me = newUser(PW);
        String token = token(me, PW);
        oauth.nextEmail = "sender-api-" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.test";

        HttpCalls.Reply started = http().send("POST", "/api/v1/mailboxes/oauth/google", null, "Authorization", token);

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        // the stand-in finishes at once, so its "authorization URL" is already the page the callback continues to
        assertThat(started.json().get("authorizationUrl").asString()).startsWith("/settings/api/mailboxes?oauth=connected&provider=google");
        assertThat(oauth.lastContext).containsExactly(Map.entry("userId", Long.toString(userId(me))));
        assertThat(http().send("POST", "/api/v1/mailboxes/oauth/nowhere", null, "Authorization", token).status()).isEqualTo(404);
    }

    @Test
    void aPasswordCannotBeSetOnAnOAuthMailbox() {
        String me = newUser(PW);
        String email = "sender-p-" + UUID.randomUUID().toString().substring(0, 6) + "@gmail.test";
        complete(FakeOAuth.GOOGLE, email, me);
        HttpCalls.Reply r = http().send("PUT", "/api/v1/mailboxes/" + mailboxId(email) + "/password",
                HttpCalls.json("password", "whatever"), "Authorization", token(me, PW));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("connect its account again");
    }

    private String complete(org.vaultmail.oauth.OAuthProvider provider, String email, String user) {
        CompletedAuthorization a = FakeOAuth.authorization(provider, email, Map.of(MailboxConnectFlow.USER, Long.toString(userId(user))));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        String page = handler().complete(a, request, new MockHttpServletResponse());
        assertThat(a.tokens().accessToken().isDestroyed()).as("the handler closes the authorization").isTrue();
        return page;
    }

    private OAuthCallbackHandler handler() {
        return handlers.stream().filter(h -> h.flow().equals("mailbox-connect")).findFirst().orElseThrow();
    }

    /** The user's id (signed in once first, which creates the row). */
    private long userId(String address) {
        if (jdbc.sql("SELECT COUNT(*) FROM users WHERE address = ?").param(address).query(Long.class).single() == 0) {
            assertThat(signIn(address, PW).status()).isEqualTo(201);
        }
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    private long mailboxId(String address) {
        return jdbc.sql("SELECT id FROM connected_mailboxes WHERE address = ?").param(address).query(Long.class).single();
    }

    private long grantOf(long mailboxId) {
        return jdbc.sql("SELECT oauth_grant_id FROM connected_mailboxes WHERE id = ?").param(mailboxId).query(Long.class).single();
    }
}
