package org.vaultmail.gateway.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.vault.Vault;
import tools.jackson.databind.JsonNode;

/** Connected mailboxes over the API, against GreenMail's SMTP and IMAP with AUTH, on H2. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectedMailboxesApiTest extends MailboxesTestSupport {

    static final String CANARY = "Mailbox-Canary-7f3e91d2";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ConnectedMailboxes mailboxes;
    @Autowired
    OperatorMailboxes operators;
    @Autowired
    GatewayEvents recorded;
    @Autowired
    CommandLineInterface cli;
    @Autowired
    Vault vault;

    @Test
    void connectOwnMailboxListReplaceAndDisconnect() {
        String me = newUser(CANARY);
        String token = token(me, CANARY);

        Reply created = connect(token, null, CANARY);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode m = created.json();
        long id = m.get("id").asLong();
        assertThat(m.get("address").asString()).isEqualTo(me);
        assertThat(m.get("kind").asString()).isEqualTo("own");
        assertThat(m.get("state").asString()).isEqualTo("connected");
        JsonNode list = http().get("/api/v1/mailboxes", "Authorization", token).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get(0).get("connectedAt").asString()).isNotBlank();

        Reply replaced = http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", CANARY),
                "Authorization", token);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("state").asString()).isEqualTo("connected");
        assertThat(recorded.withAction("gateway.mailbox.password_replaced", "mailbox:" + id)).hasSize(1);

        assertThat(http().send("DELETE", "/api/v1/mailboxes/" + id, null, "Authorization", token).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/mailboxes", "Authorization", token).json()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connected_mailboxes WHERE id = ?").param(id).query(Long.class).single()).isZero();
        List<GatewayEvent> connected = recorded.withAction("gateway.mailbox.connected", "mailbox:" + id);
        assertThat(connected).singleElement().satisfies(e -> {
            assertThat(e.webhookType()).isEqualTo("mailbox.connected");
            assertThat(e.actor()).isEqualTo(GatewayEvent.Actor.USER);
            assertThat(e.actorId()).isEqualTo(me);
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.details()).containsEntry("address", me).containsEntry("kind", "own").containsEntry("mailbox", id);
        });
        assertThat(recorded.withAction("gateway.mailbox.disconnected", "mailbox:" + id)).singleElement()
                .satisfies(e -> assertThat(e.webhookType()).isEqualTo("mailbox.disconnected"));
    }

    @Test
    void anotherMailboxOnAConfiguredDomainIsShared() {
        String me = newUser("owner-pw");
        String shared = newUser(CANARY);

        Reply created = connect(token(me, "owner-pw"), shared, CANARY);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("kind").asString()).isEqualTo("shared");
        assertThat(created.json().get("address").asString()).isEqualTo(shared);
    }

    @Test
    void aWrongPasswordIs422AndNothingIsStored() {
        String me = newUser(CANARY);
        String token = token(me, CANARY);

        Reply refused = connect(token, null, "wrong-" + CANARY);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("refused").contains("Nothing was saved");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connected_mailboxes c JOIN users u ON u.id = c.user_id WHERE u.address = ?")
                .param(me).query(Long.class).single()).isZero();
        assertThat(recorded.events).filteredOn(GatewayEvent.class::isInstance).map(GatewayEvent.class::cast)
                .filteredOn(e -> e.action().equals("gateway.mailbox.test_failed") && e.actorId().equals(me))
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("refused");
                    assertThat(e.webhookType()).isNull();
                });
    }

    @Test
    void anotherUsersMailboxIsNotFound() {
        String alice = newUser(CANARY);
        long id = connect(token(alice, CANARY), null, CANARY).json().get("id").asLong();
        String mallory = newUser("mallory-pw");
        String token = token(mallory, "mallory-pw");

        assertThat(http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", "x"),
                "Authorization", token).status()).isEqualTo(404);
        assertThat(http().send("DELETE", "/api/v1/mailboxes/" + id, null, "Authorization", token).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/mailboxes", "Authorization", token).json()).isEmpty();
        assertThat(mailboxes.byId(id)).isPresent();
    }

    @Test
    void theCapPerUserDuplicatesAndSwitchedOffDomainsAreRefused() {
        String me = newUser("owner-pw");
        String token = token(me, "owner-pw");
        for (int i = 0; i < MAX_PER_USER; i++) {
            String shared = newUser("shared-pw");
            assertThat(connect(token, shared, "shared-pw").status()).isEqualTo(201);
            if (i == 0) {
                Reply duplicate = connect(token, shared, "shared-pw");
                assertThat(duplicate.status()).isEqualTo(409);
                assertThat(duplicate.json().get("detail").asString()).contains("already connected");
            }
        }
        Reply full = connect(token, newUser("shared-pw"), "shared-pw");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("detail").asString()).contains(MAX_PER_USER + " connected mailboxes");

        String other = newUser("other-pw");
        MAIL.createUser("noreply@off.test", "off-pw");
        Reply off = connect(token(other, "other-pw"), "noreply@off.test", "off-pw");
        assertThat(off.status()).isEqualTo(422);
        assertThat(off.json().get("detail").asString()).contains("switched off").contains("off.test");
        Reply unknown = connect(token(other, "other-pw"), "someone@elsewhere.test", "x");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("detail").asString()).contains("No mail server is configured");
        Reply german = http().send("POST", "/api/v1/mailboxes", HttpCalls.json("address", "someone@elsewhere.test", "password", "x"),
                "Authorization", token(other, "other-pw"), "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(422);
        assertThat(german.json().get("title").asString()).isEqualTo("Domain wird hier nicht bedient");
        assertThat(german.json().get("detail").asString()).isEqualTo(
                "Für elsewhere.test ist hier kein Mailserver eingerichtet; nur Adressen auf den Domains des Betreibers können verbunden werden.");
    }

    @Test
    void withSmtpAuthenticatesAtTheServerAndWipesThePasswordAfterwards() throws Exception {
        String me = newUser(CANARY);
        long id = connect(token(me, CANARY), null, CANARY).json().get("id").asLong();
        RecordingMailLogins.PASSWORDS.clear();

        String sent = mailboxes.withSmtp(id, transport -> {
            MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
            message.setFrom(new InternetAddress(me));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(me));
            message.setSubject("through a connected mailbox");
            message.setText("hello");
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
            return message.getMessageID();
        });

        assertThat(RecordingMailLogins.PASSWORDS).singleElement().satisfies(p -> assertThat(p.isDestroyed()).isTrue());
        Await.until("the message arrives", Duration.ofSeconds(10), () -> java.util.Arrays.stream(MAIL.greenMail().getReceivedMessages())
                .anyMatch(m -> {
                    try {
                        return sent.equals(m.getMessageID());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }));
        Boolean imap = mailboxes.withImap(id, store -> store.isConnected());
        assertThat(imap).isTrue();
        assertThat(RecordingMailLogins.PASSWORDS).hasSize(2).allSatisfy(p -> assertThat(p.isDestroyed()).isTrue());
    }

    @Test
    void aCiphertextMovedToAnotherRowOrUserDoesNotOpen() {
        String alice = newUser(CANARY);
        String bob = newUser("bob-pw");
        long a = connect(token(alice, CANARY), null, CANARY).json().get("id").asLong();
        long b = connect(token(bob, "bob-pw"), null, "bob-pw").json().get("id").asLong();

        jdbc.sql("UPDATE connected_mailboxes SET credentials = (SELECT credentials FROM connected_mailboxes WHERE id = ?) WHERE id = ?")
                .params(a, b).update();

        assertThatThrownBy(() -> mailboxes.withSmtp(b, t -> true)).isInstanceOf(MailboxUnavailableException.class)
                .hasMessageContaining("do not open").hasMessageNotContaining(CANARY);
        // the same ciphertext under the same row id but another owner does not open either
        jdbc.sql("UPDATE connected_mailboxes SET user_id = ? WHERE id = ?").params(userId(bob), a).update();
        assertThatThrownBy(() -> mailboxes.withSmtp(a, t -> true)).isInstanceOf(MailboxUnavailableException.class);
        jdbc.sql("DELETE FROM connected_mailboxes WHERE id IN (?, ?)").params(a, b).update(); // no unopenable row for the rewrap test
    }

    @Test
    void aRefusedPasswordMovesToNeedsReauthOnceTellsTheOwnerOnceAndTheNewPasswordReleases() throws Exception {
        String me = newUser(CANARY);
        String token = token(me, CANARY);
        long id = connect(token, null, CANARY).json().get("id").asLong();
        MAIL.greenMail().getUserManager().getUserByEmail(me).setPassword("changed-" + CANARY);

        assertThatThrownBy(() -> mailboxes.withSmtp(id, t -> true)).isInstanceOf(MailboxAuthenticationException.class)
                .hasMessageNotContaining(CANARY);
        mailboxes.authenticationFailed(id);
        mailboxes.authenticationFailed(id);

        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.NEEDS_REAUTH);
        assertThat(recorded.withAction("gateway.mailbox.needs_reauth", "mailbox:" + id)).singleElement().satisfies(e -> {
            assertThat(e.webhookType()).isEqualTo("mailbox.needs_reauth");
            assertThat(e.actor()).isEqualTo(GatewayEvent.Actor.SYSTEM);
        });
        Await.until("one notification mail", Duration.ofSeconds(10), () -> notificationsTo(me) == 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE kind = 'MAILBOX_NEEDS_REAUTH' AND recipient = ?")
                .param(me).query(Long.class).single()).isEqualTo(1);
        MimeMessage mail = java.util.Arrays.stream(MAIL.greenMail().getReceivedMessagesForDomain(me))
                .filter(m -> subject(m).contains("connected mailbox")).findFirst().orElseThrow();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains(me).doesNotContain(CANARY);
        assertThatThrownBy(() -> mailboxes.withSmtp(id, t -> true)).as("held: not used while it needs re-authentication")
                .isInstanceOf(MailboxAuthenticationException.class);

        Reply wrong = http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", CANARY),
                "Authorization", token);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.NEEDS_REAUTH);

        Reply again = http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", "changed-" + CANARY),
                "Authorization", token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("state").asString()).isEqualTo("connected");
        assertThat(recorded.events).filteredOn(MailboxReauthenticated.class::isInstance)
                .containsExactly(new MailboxReauthenticated(id, userId(me)));
        assertThat(recorded.withAction("gateway.mailbox.reauthenticated", "mailbox:" + id)).hasSize(1);
        assertThat(mailboxes.<Boolean>withSmtp(id, t -> t.isConnected()).booleanValue()).isTrue();
        Thread.sleep(300); // a second notification would have been sent by now
        assertThat(notificationsTo(me)).as("still one mail").isEqualTo(1);
    }

    @Test
    void aDisabledMailboxIsNeverUsedAndCannotBeReauthenticated() {
        String me = newUser(CANARY);
        String token = token(me, CANARY);
        long id = connect(token, null, CANARY).json().get("id").asLong();

        assertThat(operators.disable(id, "op-anna", null)).isTrue();
        assertThat(operators.disable(id, "op-anna", null)).isFalse();

        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.DISABLED);
        assertThatThrownBy(() -> mailboxes.withSmtp(id, t -> true)).isInstanceOf(MailboxUnavailableException.class);
        mailboxes.authenticationFailed(id);
        assertThat(mailboxes.byId(id).orElseThrow().state()).isEqualTo(MailboxState.DISABLED);
        assertThat(http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", CANARY),
                "Authorization", token).status()).isEqualTo(409);
        assertThat(recorded.withAction("gateway.mailbox.disabled", "mailbox:" + id)).singleElement()
                .satisfies(e -> assertThat(e.actorId()).isEqualTo("op-anna"));

        assertThat(operators.enable(id, "op-anna", null)).isTrue();
        assertThat(mailboxes.byAddress(userId(me), me.toUpperCase(java.util.Locale.ROOT)).orElseThrow().state())
                .isEqualTo(MailboxState.CONNECTED);
    }

    @Test
    void connectionTestsAreLimitedPerUser() {
        String me = newUser(CANARY);
        String token = token(me, CANARY);
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) status = connect(token, null, "guess-" + i).status();

        assertThat(status).isEqualTo(429);
        Reply refused = connect(token, null, CANARY);
        assertThat(refused.status()).as("even the right password is not tried any more").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    @Test
    void rotateAndRewrapCoverTheColumnAndTheMailboxStillAuthenticates(CapturedOutput output) throws Exception {
        String me = newUser(CANARY);
        long id = connect(token(me, CANARY), null, CANARY).json().get("id").asLong();

        assertThat(cli.run("keys", List.of("status"))).isZero();
        assertThat(output.getOut()).containsPattern("connected_mailboxes\\.credentials=[1-9]");
        assertThat(cli.run("keys", List.of("rotate"))).isZero();
        assertThat(cli.run("keys", List.of("rewrap"))).isZero();

        assertThat(jdbc.sql("SELECT credentials_key_id FROM connected_mailboxes WHERE id = ?").param(id).query(Long.class).single())
                .isEqualTo(vault.primaryKeyId());
        assertThat(mailboxes.<Boolean>withSmtp(id, t -> t.isConnected()).booleanValue()).isTrue();
    }

    @Test
    void thePasswordIsNowhereInResponsesLogsTheDatabaseOrAuditEntries(CapturedOutput output) {
        String me = newUser(CANARY);
        String token = token(me, CANARY);
        connect(token, null, "wrong-" + CANARY);
        long id = connect(token, null, CANARY).json().get("id").asLong();
        http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", CANARY), "Authorization", token);
        http().send("PUT", "/api/v1/mailboxes/" + id + "/password", HttpCalls.json("password", CANARY + "x"), "Authorization", token);
        http().get("/api/v1/mailboxes", "Authorization", token);
        http().get("/settings/api/mailboxes", "Authorization", token);
        mailboxes.authenticationFailed(id);

        assertThat(http().seen()).hasSizeGreaterThan(5).allSatisfy(r -> {
            assertThat(r.body()).doesNotContain(CANARY);
            assertThat(r.headers().toString()).doesNotContain(CANARY);
        });
        assertThat(output.getAll()).doesNotContain(CANARY);
        String dump = DatabaseDump.of(dataSource);
        assertThat(dump).contains("connected_mailboxes").doesNotContain(CANARY)
                .doesNotContain(hex(CANARY));
        Await.until("the audit entries", Duration.ofSeconds(10), () -> jdbc.sql(
                "SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'gateway.mailbox.%' AND target = ?").param("mailbox:" + id)
                .query(Long.class).single() >= 3);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action LIKE 'gateway.mailbox.%'").query(String.class).list())
                .isNotEmpty().allSatisfy(d -> assertThat(d).doesNotContain(CANARY));
        assertThat(recorded.events.toString()).doesNotContain(CANARY);
    }

    @Test
    void theBrowserSessionUsesTheApiOnlyWithItsCsrfTokenAndTheAreaRedirectsToThePage() {
        String me = newUser(CANARY);
        org.vaultmail.auth.FormClient browser = new org.vaultmail.auth.FormClient(http());
        browser.signIn(me, CANARY);
        Reply area = browser.get("/settings/api");
        assertThat(area.status()).isEqualTo(302);
        assertThat(area.header("Location")).endsWith("/settings/api/mailboxes");
        Reply page = browser.get("/settings/api/mailboxes");
        assertThat(page.status()).isEqualTo(200);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("name=\"csrf-header\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find() && header.find()).isTrue();

        Reply without = http().send("POST", "/api/v1/mailboxes", HttpCalls.json("password", CANARY), "Cookie", browser.cookies());
        Reply with = http().send("POST", "/api/v1/mailboxes", HttpCalls.json("password", CANARY), "Cookie", browser.cookies(),
                header.group(1), token.group(1));

        assertThat(without.status()).isEqualTo(403);
        assertThat(with.status()).as(with.body()).isEqualTo(201);
        // the no-script form: a refused login comes back with the typed address, never the password
        Reply refused = browser.submit("/settings/api/mailboxes", "/settings/api/mailboxes",
                java.util.Map.of("kind", "shared", "address", "Nobody@Example.test", "password", "wrong-" + CANARY, "action", "connect"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("value=\"Nobody@Example.test\"").contains("refused")
                .containsPattern("id=\"password\"[^>]*value=\"\"").doesNotContain(CANARY);
    }

    private long notificationsTo(String address) {
        return java.util.Arrays.stream(MAIL.greenMail().getReceivedMessagesForDomain(address))
                .filter(m -> subject(m).contains("connected mailbox")).count();
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private long userId(String address) {
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
