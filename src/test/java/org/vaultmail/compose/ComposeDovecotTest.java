package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/**
 * Sending through the real Postfix submission (SMTP AUTH via Dovecot) as alice to bob, read back from bob's
 * INBOX over IMAPS: encoding, file bytes, threading; Postfix's refusals mapped to fields (unknown recipient,
 * SIZE); drafts in Dovecot's SPECIAL-USE Drafts. Every message this test creates carries a unique subject and
 * is removed afterwards; originals live in a folder of its own.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeDovecotTest {

    static final String TAG = "vmcompose-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    HttpCalls http;
    String token;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-compose-dovecot-");
        registry.add("vaultmail.compose.undo-delay", () -> "0s");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @BeforeAll
    void signIn() {
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
    }

    @AfterAll
    void cleanUp() throws Exception {
        remove(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD, "INBOX");
        remove(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, "Sent");
        remove(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, "Drafts");
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            Folder own = store.getFolder(TAG);
            if (own.exists()) own.delete(true);
        }
    }

    /** Deletes only this test's messages (their subjects carry {@link #TAG}). */
    static void remove(String user, String password, String folder) throws Exception {
        try (Store store = DovecotFixture.get().imaps(user, password)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_WRITE);
            Message[] mine = f.search(new SubjectTerm(TAG));
            if (mine.length > 0) {
                f.setFlags(mine, new Flags(Flags.Flag.DELETED), true);
                ((org.eclipse.angus.mail.imap.IMAPFolder) f).expunge(mine);
            }
            f.close(false);
        }
    }

    Reply call(String method, String path, Map<String, Object> body) {
        return http.send(method, path, body == null ? null : ComposeApiTest.json(body), "Authorization", "Bearer " + token);
    }

    static MimeMessage received(String user, String password, String folder, String subject) throws Exception {
        return Await.until("message " + subject + " in " + folder + " of " + user, Duration.ofSeconds(15), () -> {
            try (Store store = DovecotFixture.get().imaps(user, password)) {
                Folder f = store.getFolder(folder);
                f.open(Folder.READ_ONLY);
                Message[] found = f.search(new SubjectTerm(subject));
                if (found.length != 1) return null;
                MimeMessage copy = new MimeMessage((MimeMessage) found[0]);
                copy.setFlags(found[0].getFlags(), true);
                return copy;
            }
        }, java.util.Objects::nonNull);
    }

    @Test
    void bobReceivesAlicesMessageIntactThroughPostfix() throws Exception {
        byte[] file = new byte[300_000];
        new java.util.Random(11).nextBytes(file);
        String subject = "Ünïcödé Grüße Intact " + TAG;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of("Bob Bäcker <" + DovecotFixture.BOB + ">"));
        m.put("subject", subject);
        m.put("text", "Hallo Bob, **anbei** die Datei.");
        m.put("markdown", true);
        m.put("inReplyTo", "<thread-" + TAG + "@example.test>");
        m.put("references", List.of("<thread-" + TAG + "@example.test>"));
        m.put("attachments", List.of(Map.of("filename", "Übersicht März.bin", "contentType", "application/octet-stream",
                "contentBase64", Base64.getEncoder().encodeToString(file))));
        Reply sent = call("POST", "/api/v1/messages", m);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);

        MimeMessage got = received(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD, "INBOX", "Intact " + TAG);
        assertThat(got.getSubject()).isEqualTo(subject);
        assertThat(got.getMessageID()).isEqualTo(sent.json().get("messageId").asString()).endsWith("@example.test>");
        assertThat(got.getHeader("In-Reply-To")[0]).isEqualTo("<thread-" + TAG + "@example.test>");
        assertThat(got.getHeader("References")[0]).contains("<thread-" + TAG + "@example.test>");
        assertThat(((jakarta.mail.internet.InternetAddress) got.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Bob Bäcker");
        Multipart mixed = (Multipart) got.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("**anbei**");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<strong>anbei</strong>");
        Part attached = mixed.getBodyPart(1);
        assertThat(attached.getFileName()).isEqualTo("Übersicht März.bin");
        try (InputStream in = attached.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(file);
        }
        assertThat(received(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, "Sent", "Intact " + TAG).getMessageID()).isNotNull();
    }

    @Test
    void aRecipientPostfixRefusesIsNamedWithItsField() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of(DovecotFixture.BOB));
        m.put("cc", List.of("nobody-" + TAG + "@example.test"));
        m.put("subject", "Refused " + TAG);
        m.put("text", "x");
        Reply r = call("POST", "/api/v1/messages", m);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("cc[0]");
        assertThat(r.json().get("rejected").get(0).asString()).isEqualTo("nobody-" + TAG + "@example.test");
        Thread.sleep(500); // a message wrongly sent to the valid recipients would have arrived by now
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.search(new SubjectTerm("Refused " + TAG))).isEmpty(); // no partial send
        }
    }

    @Test
    void postfixSizeLimitIsTheLimitAndABiggerFileIs413() {
        JsonNode limits = http.get("/api/v1/compose/limits", "Authorization", "Bearer " + token).json();
        assertThat(limits.get("maxMessageBytes").asLong()).isEqualTo(10_240_000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of(DovecotFixture.BOB));
        m.put("subject", "Too big " + TAG);
        m.put("attachments", List.of(Map.of("filename", "big.bin", "contentType", "application/octet-stream",
                "contentBase64", Base64.getEncoder().encodeToString(new byte[8_000_000]))));
        Reply r = call("POST", "/api/v1/messages", m);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
    }

    @Test
    void replyFromAFolderOfItsOwnThreadsAndMarksTheOriginalAnswered() throws Exception {
        String subject = "Plan " + TAG;
        long uid;
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            Folder own = store.getFolder(TAG);
            own.create(Folder.HOLDS_MESSAGES);
            String raw = "From: Bob <" + DovecotFixture.BOB + ">\r\nTo: " + DovecotFixture.ALICE + "\r\nSubject: " + subject
                    + "\r\nMessage-ID: <plan-" + TAG + "@example.test>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\nShall we?\r\n";
            own.appendMessages(new Message[] {new MimeMessage(null, new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)))});
            own.open(Folder.READ_ONLY);
            uid = ((UIDFolder) own).getUID(own.getMessage(1));
            own.close(false);
        }
        JsonNode start = http.get("/api/v1/compose/start?folder=" + TAG + "&uid=" + uid + "&mode=reply",
                "Authorization", "Bearer " + token).json().get("letter");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of(start.get("to").get(0).asString()));
        m.put("subject", start.get("subject").asString());
        m.put("text", "Yes." + start.get("text").asString());
        m.put("inReplyTo", start.get("inReplyTo").asString());
        m.put("references", List.of(start.get("references").get(0).asString()));
        m.put("original", Map.of("folder", TAG, "uid", uid, "kind", "reply"));
        Reply sent = call("POST", "/api/v1/messages", m);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        MimeMessage got = received(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD, "INBOX", "Re: " + subject);
        assertThat(got.getHeader("In-Reply-To")[0]).isEqualTo("<plan-" + TAG + "@example.test>");
        assertThat((String) got.getContent()).contains("> Shall we?");
        assertThat(received(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, TAG, subject).getFlags().contains(Flags.Flag.ANSWERED)).isTrue();
    }

    @Test
    void draftIsReplacedInDovecotsDraftsAndSentFromThere() throws Exception {
        String subject = "Draft " + TAG;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of(DovecotFixture.BOB));
        m.put("subject", subject);
        m.put("text", "v1");
        Reply created = call("POST", "/api/v1/drafts", m);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        m.put("text", "v2");
        Reply updated = call("PUT", "/api/v1/drafts/" + created.json().get("uid").asLong(), m);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        MimeMessage draft = received(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, "Drafts", subject);
        assertThat(((String) draft.getContent()).strip()).isEqualTo("v2");
        Reply sent = http.send("POST", "/api/v1/drafts/" + updated.json().get("uid").asLong() + "/send", null, "Authorization", "Bearer " + token);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(((String) received(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD, "INBOX", subject).getContent()).strip()).isEqualTo("v2");
        try (Store store = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD)) {
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_ONLY);
            assertThat(drafts.search(new SubjectTerm(subject))).isEmpty();
        }
    }
}
