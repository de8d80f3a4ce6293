package org.vaultmail.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.gateway.apikeys.ApiScope.OUTBOX_READ;
import static org.vaultmail.gateway.apikeys.ApiScope.SEND;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.gateway.GatewayEvent;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox API on H2 (issue 13 items 3 and 4): accepting JSON and multipart messages into sealed rows whose MIME
 * is right, compose's validation, scopes and owners, cancel and retry rules, listing; idempotency in
 * {@link OutboxIdempotencyContract}.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OutboxTestBeans.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OutboxApiTest extends OutboxIdempotencyContract {

    static final String CANARY_SUBJECT = "Canary-Subject-7f3a9c";
    static final String CANARY_BODY = "Canary-Body-b41e0d secret plans";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-outbox-api-test-");
        limits(registry);
    }

    @Autowired
    DataSource dataSource;

    @Test
    void aJsonMessageWithFilesIsStoredSealedAsTheRightMimeBeforeThe202() throws Exception {
        byte[] pdf = "%PDF-1.4 pretend".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> body = message(
                "from", "Sales Team <" + MAILBOX + ">",
                "to", List.of("Bob <bob@example.org>"), "cc", List.of("carol@example.org"), "bcc", List.of("hidden@example.org"),
                "replyTo", "replies@example.org", "subject", CANARY_SUBJECT, "text", CANARY_BODY, "html", "<p>" + CANARY_BODY + "</p>",
                "headers", Map.of("List-Unsubscribe", "<mailto:unsub@example.test>", "X-Entity-Ref-ID", "abc-1"),
                "attachments", List.of(Map.of("filename", "report.pdf", "contentType", "application/pdf",
                        "content", Base64.getEncoder().encodeToString(pdf))),
                "metadata", Map.of("orderId", 42));
        Reply reply = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(body), "Authorization", sender);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String id = reply.json().get("id").asString();
        // read over a connection of its own right after the answer: the row was committed before the 202
        byte[] ciphertext;
        long owner;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content, user_id, status, message_id, recipient_count FROM outbox_messages WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("committed before the 202").isTrue();
                ciphertext = rs.getBytes(1);
                owner = rs.getLong(2);
                assertThat(rs.getString(3)).isEqualTo("queued");
                assertThat("<" + rs.getString(4) + ">").isNotBlank();
                assertThat(rs.getInt(5)).isEqualTo(3);
            }
        }
        assertThat(reply.json().get("status").asString()).isEqualTo("queued");
        String messageId = reply.json().get("messageId").asString();
        assertThat(messageId).endsWith("@" + MAILBOX.substring(MAILBOX.indexOf('@') + 1));

        OutboxContent content = store.open(id, owner, ciphertext);
        assertThat(content.envelopeFrom()).isEqualTo(MAILBOX);
        assertThat(content.recipients()).containsExactly("bob@example.org", "carol@example.org", "hidden@example.org");
        MimeMessage mime = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(content.mime()));
        assertThat(mime.getMessageID()).isEqualTo("<" + messageId + ">");
        assertThat(mime.getSubject()).isEqualTo(CANARY_SUBJECT);
        assertThat(((InternetAddress) mime.getFrom()[0]).getPersonal()).isEqualTo("Sales Team");
        assertThat(((InternetAddress) mime.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
        assertThat(mime.getRecipients(RecipientType.TO)[0].toString()).contains("bob@example.org");
        assertThat(mime.getRecipients(RecipientType.CC)[0].toString()).contains("carol@example.org");
        assertThat(mime.getHeader("Bcc")).as("bcc only in the envelope").isNull();
        assertThat(new String(content.mime(), StandardCharsets.UTF_8)).doesNotContain("hidden@example.org");
        assertThat(mime.getReplyTo()[0].toString()).isEqualTo("replies@example.org");
        assertThat(mime.getHeader("List-Unsubscribe", null)).isEqualTo("<mailto:unsub@example.test>");
        assertThat(mime.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(mime.getSentDate()).isNotNull();
        Multipart mixed = (Multipart) mime.getContent();
        assertThat(mime.getContentType()).startsWith("multipart/mixed");
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(CANARY_BODY);
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        Part file = mixed.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("report.pdf");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);

        JsonNode shown = http.get("/api/v1/outbox/" + id, "Authorization", reader).json();
        assertThat(shown.get("status").asString()).isEqualTo("queued");
        assertThat(shown.get("mailbox").asString()).isEqualTo(MAILBOX);
        assertThat(shown.get("metadata").get("orderId").asInt()).isEqualTo(42);
        assertThat(shown.get("history").get(0).get("status").asString()).isEqualTo("queued");
    }

    @Test
    void aMultipartMessageCarriesItsFileParts() throws Exception {
        String boundary = "b-" + UUID.randomUUID();
        byte[] image = new byte[2048];
        new java.util.Random(1).nextBytes(image);
        String json = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "With a file", "text", "see file"));
        byte[] body = multipart(boundary, json, "photo.png", "image/png", image);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/outbox"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", sender)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("id").asString();

        MimeMessage mime = stored(id);
        Multipart mixed = (Multipart) mime.getContent();
        assertThat(mixed.getBodyPart(0).getContent()).isEqualTo("see file");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("photo.png");
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("image/png");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(image);
    }

    @Test
    void headerInjectionIsRefusedNamingTheField() {
        assertInvalid(message("to", List.of("bob@example.org"), "subject", "Hi\r\nBcc: victim@example.org"), "subject");
        assertInvalid(message("to", List.of("bob@example.org\r\nBcc: victim@example.org")), "to[0]");
        assertInvalid(message("to", List.of("bob@example.org"), "headers", Map.of("List-Id", "x\nBcc: v@example.org")), "headers.List-Id");
        assertInvalid(message("to", List.of("bob@example.org"), "headers", Map.of("Bcc", "v@example.org")), "headers.Bcc");
        assertInvalid(message("to", List.of("bob@example.org"), "attachments", List.of(Map.of("filename", "a\r\n.txt",
                "contentType", "text/plain", "content", "aGk="))), "attachments[0].filename");
        assertInvalid(message("to", List.of("bob@example.org"), "from", "boss@elsewhere.example"), "from");
        assertInvalid(message("to", List.of()), "to");
        assertInvalid(message("to", List.of("not an address")), "to[0]");
        assertInvalid(message("to", List.of("bob@example.org"), "metadata", Map.of("x", "y".repeat(4001))), "metadata");
        assertInvalid(message("to", List.of("bob@example.org"), "sendAt", "tomorrow"), "sendAt");
    }

    @Test
    void refusalsAreInTheLanguageTheClientAsksForWithTheFieldAsTheApiNamesIt() throws Exception {
        Reply german = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of())),
                "Authorization", sender, "Accept-Language", "de-DE,de;q=0.9");
        assertThat(german.status()).isEqualTo(422);
        assertThat(german.json().get("field").asString()).isEqualTo("to");
        assertThat(german.json().get("title").asString()).isEqualTo("Ungültige Nachricht");
        assertThat(german.json().get("detail").asString()).isEqualTo("Eine Nachricht braucht mindestens einen Empfänger in to, cc oder bcc.");
        Reply french = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "sendAt", "tomorrow")), "Authorization", sender, "Accept-Language", "fr");
        assertThat(french.json().get("detail").asString()).isEqualTo("sendAt doit être un instant ISO 8601 comme 2026-12-24T08:00:00Z.");
        Reply address = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("not an address"))),
                "Authorization", sender, "Accept-Language", "de");
        assertThat(address.json().get("field").asString()).isEqualTo("to[0]");
        assertThat(address.json().get("detail").asString()).as("compose's address check, told in German")
                .isEqualTo("to[0] ist keine gültige E-Mail-Adresse: not an address");
        Reply english = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of())), "Authorization", sender);
        assertThat(english.json().get("title").asString()).isEqualTo("Invalid message");
        assertThat(english.json().get("detail").asString()).isEqualTo("A message needs at least one recipient in to, cc or bcc.");
    }

    @Test
    void answersHaveTheDocumentedFieldsAndUnknownRequestFieldsAreRefused() {
        JsonNode schemas = org.vaultmail.apidocs.ApiDocument.read().get("components").get("schemas");
        Reply accepted = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"))),
                "Authorization", sender);
        assertThat(accepted.json().propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("OutboxAccepted").get("properties").propertyNames());
        JsonNode shown = http.get("/api/v1/outbox/" + accepted.json().get("id").asString(), "Authorization", reader).json();
        assertThat(schemas.get("OutboxMessage").get("properties").propertyNames()).containsAll(shown.propertyNames());
        assertThat(schemas.get("OutboxPage").get("properties").propertyNames())
                .containsAll(http.get("/api/v1/outbox", "Authorization", reader).json().propertyNames());

        Reply typo = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "attachment", List.of())), "Authorization", sender);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("detail").asString()).contains("attachment");
    }

    @Test
    void sizeLimitsAreEnforced() {
        long before = count();
        String big = Base64.getEncoder().encodeToString(new byte[120 * 1024]);
        Reply tooBigFile = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "attachments", List.of(Map.of("filename", "big.bin", "contentType", "application/octet-stream", "content", big)))),
                "Authorization", sender);
        assertThat(tooBigFile.status()).isEqualTo(413);
        assertThat(tooBigFile.header("Content-Type")).startsWith("application/problem+json");

        Map<String, Object> small = Map.of("filename", "s.bin", "contentType", "application/octet-stream", "content", "aGk=");
        assertInvalid(message("to", List.of("bob@example.org"), "attachments", List.of(small, small, small, small)), "attachments");

        String medium = Base64.getEncoder().encodeToString(new byte[90 * 1024]);
        Map<String, Object> file = Map.of("filename", "m.bin", "contentType", "application/octet-stream", "content", medium);
        Reply tooBigMessage = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "attachments", List.of(file, file, file))), "Authorization", sender);
        assertThat(tooBigMessage.status()).as(tooBigMessage.body()).isEqualTo(413);
        Reply hugeBody = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "text", "x".repeat(1024 * 1024 + 400 * 1024))), "Authorization", sender);
        assertThat(hugeBody.status()).as("refused before parsing").isEqualTo(413);
        assertThat(count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void scopesMailboxesAndOwnersAreChecked() {
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org")));
        assertThat(http.send("POST", "/api/v1/outbox", body, "Authorization", reader).status()).as("no send scope").isEqualTo(403);
        Reply otherMailbox = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("mailbox", SECOND,
                "to", List.of("bob@example.org"))), "Authorization", sender);
        assertThat(otherMailbox.status()).as("key limited to the first mailbox").isEqualTo(403);
        assertThat(otherMailbox.header("Content-Type")).startsWith("application/problem+json");
        assertInvalid(message("mailbox", "nobody-" + SUFFIX + "@example.test", "to", List.of("bob@example.org")), "mailbox");
        assertInvalid(message("mailbox", DISABLED, "to", List.of("bob@example.org")), "mailbox", allMailboxes);
        Reply held = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("mailbox", REAUTH,
                "to", List.of("bob@example.org"))), "Authorization", allMailboxes);
        assertThat(held.status()).as("needs_reauth is accepted; the worker holds it").isEqualTo(202);

        String id = accept(sender);
        assertThat(http.get("/api/v1/outbox/" + id, "Authorization", sender).status()).as("send alone does not read").isEqualTo(403);
        assertThat(http.get("/api/v1/outbox/" + id, "Authorization", stranger).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/api/v1/outbox/" + id, null, "Authorization", stranger).status()).isEqualTo(404);
        assertThat(http.send("POST", "/api/v1/outbox/" + id + "/retry", null, "Authorization", stranger).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/outbox/" + id).status()).as("no key").isEqualTo(401);
    }

    @Test
    void cancelOnlyBeforeSendingAndRetryOnlyAfterFailure() {
        String id = accept(sender);
        assertThat(http.send("POST", "/api/v1/outbox/" + id + "/retry", null, "Authorization", sender).status()).isEqualTo(409);
        Reply cancelled = http.send("DELETE", "/api/v1/outbox/" + id, null, "Authorization", sender);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("history").get(1).get("detail").asString()).startsWith("cancelled by vmk_test");
        assertThat(http.send("DELETE", "/api/v1/outbox/" + id, null, "Authorization", sender).status()).isEqualTo(409);

        String sending = accept(sender);
        jdbc.sql("UPDATE outbox_messages SET status = 'sending' WHERE id = ?").param(sending).update();
        assertThat(http.send("DELETE", "/api/v1/outbox/" + sending, null, "Authorization", sender).status()).isEqualTo(409);
        String leased = accept(sender);
        jdbc.sql("UPDATE outbox_messages SET lease_owner = 'node-a', lease_until = ? WHERE id = ?")
                .params(OutboxStore.at(CLOCK.instant().plusSeconds(60)), leased).update();
        assertThat(http.send("DELETE", "/api/v1/outbox/" + leased, null, "Authorization", sender).status())
                .as("a worker holds it").isEqualTo(409);

        String failed = accept(sender);
        jdbc.sql("UPDATE outbox_messages SET status = 'delivery_uncertain', data_sent_at = ? WHERE id = ?")
                .params(OutboxStore.at(CLOCK.instant()), failed).update();
        OutboxTestBeans.EVENTS.clear();
        Reply retried = http.send("POST", "/api/v1/outbox/" + failed + "/retry", null, "Authorization", sender);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("status").asString()).isEqualTo("queued");
        JsonNode history = retried.json().get("history");
        assertThat(history.get(history.size() - 1).get("detail").asString()).startsWith("retried by vmk_test");
        assertThat(jdbc.sql("SELECT data_sent_at FROM outbox_messages WHERE id = ?").param(failed).query().singleRow().get("data_sent_at")).isNull();
        assertThat(OutboxTestBeans.EVENTS).extracting(GatewayEvent::action).containsExactly("gateway.message.retried");
        assertThat(OutboxTestBeans.EVENTS.getFirst().target()).isEqualTo("message:" + failed);
        assertThat(http.send("POST", "/api/v1/outbox/" + failed + "/retry", null, "Authorization", sender).status()).isEqualTo(409);
    }

    @Test
    void theListFiltersAndPages() {
        String a = accept(allMailboxes, LISTED);
        CLOCK.advance(Duration.ofMillis(5));
        String b = accept(allMailboxes, LISTED);
        CLOCK.advance(Duration.ofMillis(5));
        String c = accept(allMailboxes, LISTED);
        http.send("DELETE", "/api/v1/outbox/" + b, null, "Authorization", allMailboxes);

        JsonNode first = http.get("/api/v1/outbox?mailbox=" + LISTED + "&limit=2", "Authorization", reader).json();
        assertThat(first.get("messages").valueStream().map(m -> m.get("id").asString()).toList()).containsExactly(c, b);
        JsonNode second = http.get("/api/v1/outbox?mailbox=" + LISTED + "&limit=2&before=" + first.get("next").asString(),
                "Authorization", reader).json();
        assertThat(second.get("messages").valueStream().map(m -> m.get("id").asString()).toList()).containsExactly(a);
        JsonNode cancelled = http.get("/api/v1/outbox?status=cancelled&mailbox=" + LISTED, "Authorization", reader).json();
        assertThat(cancelled.get("messages").valueStream().map(m -> m.get("id").asString()).toList()).containsExactly(b);
        assertThat(http.get("/api/v1/outbox?status=lost", "Authorization", reader).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/outbox", "Authorization", stranger).json().get("messages").size()).isZero();
    }

    @Test
    void theContentIsNeitherInTheDatabaseNorInTheLogs(CapturedOutput output) {
        accept(sender); // at least one
        http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(message("to", List.of("bob@example.org"),
                "subject", CANARY_SUBJECT, "text", CANARY_BODY)), "Authorization", sender);
        String dump = DatabaseDump.of(dataSource);
        assertThat(dump).contains("outbox_messages").doesNotContain(CANARY_SUBJECT).doesNotContain(CANARY_BODY);
        assertThat(output.getAll()).doesNotContain(CANARY_SUBJECT).doesNotContain(CANARY_BODY);
    }

    @Test
    void aKeyLeftProcessingByARequestThatDiedIsTakenOverAfterTwoMinutes() throws Exception {
        String key = "dead-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(message("to", List.of("bob@example.org"), "subject", "after a crash"));
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update("POST /api/v1/outbox json\n".getBytes(StandardCharsets.UTF_8));
        String hash = java.util.HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
        long owner = jdbc.sql("SELECT id FROM users WHERE address = ?").param(OWNER).query(Long.class).single();
        long mailbox = jdbc.sql("SELECT id FROM connected_mailboxes WHERE address = ?").param(MAILBOX).query(Long.class).single();
        // what a node that died between claiming the key and committing the message leaves behind: no message
        jdbc.sql("""
                INSERT INTO outbox_idempotency (user_id, mailbox_id, idem_key, request_hash, state, created_at, expires_at)
                VALUES (?, ?, ?, ?, 'processing', ?, ?)""")
                .params(owner, mailbox, key, hash, OutboxStore.at(CLOCK.instant().minusSeconds(60)),
                        OutboxStore.at(CLOCK.instant().plus(Duration.ofHours(23)))).update();
        long before = count();
        assertThat(http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key).status())
                .as("it might still be running").isEqualTo(409);
        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        Reply taken = http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key);
        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.header(OutboxApiController.REPLAYED)).isNull();
        assertThat(http.send("POST", "/api/v1/outbox", body, "Authorization", sender, "Idempotency-Key", key)
                .header(OutboxApiController.REPLAYED)).isEqualTo("true");
        assertThat(count()).isEqualTo(before + 1);
    }

    // --- helpers

    private void assertInvalid(Map<String, Object> body, String field) {
        assertInvalid(body, field, sender);
    }

    private void assertInvalid(Map<String, Object> body, String field, String key) {
        long before = count();
        Reply reply = http.send("POST", "/api/v1/outbox", JSON.writeValueAsString(body), "Authorization", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("field").asString()).isEqualTo(field);
        assertThat(count()).isEqualTo(before);
    }

    private MimeMessage stored(String id) throws Exception {
        Map<String, Object> row = jdbc.sql("SELECT content, user_id FROM outbox_messages WHERE id = ?").param(id).query().singleRow();
        OutboxContent content = store.open(id, ((Number) row.get("user_id")).longValue(), (byte[]) row.get("content"));
        return new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(content.mime()));
    }

    private static byte[] multipart(String boundary, String json, String filename, String type, byte[] file) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\nContent-Type: application/json\r\n\r\n"
                + json + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
