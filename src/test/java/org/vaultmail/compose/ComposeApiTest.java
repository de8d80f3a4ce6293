package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import org.vaultmail.testing.Await;

/**
 * Writing mail end to end on GreenMail (IMAP + SMTP with AUTH): the whole app, a bearer token, the recipient's
 * mailbox read back over IMAP. Encoding, files, threading, Sent copies, flags on the original, header
 * injection, size limits, idempotency, drafts, undo, and the session password never in a reply or log.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ComposeApiTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Compose-Canary-5d2c81f0";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ME = "writer-" + SUFFIX + "@example.test";
    static final String BOB = "bob-" + SUFFIX + "@example.test";
    static final String BOB_PASSWORD = "bob-" + SUFFIX;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-compose-test-");
        registry.add("vaultmail.compose.undo-delay", () -> "1500ms");
        registry.add("vaultmail.compose.max-message-size", () -> "2MB");
        registry.add("vaultmail.compose.aliases[0].user", () -> ME);
        registry.add("vaultmail.compose.aliases[0].address", () -> "sales-" + SUFFIX + "@example.test");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @LocalServerPort
    int port;

    HttpCalls http;
    String token;

    @BeforeAll
    void signIn() throws Exception {
        MAIL.createUser(ME, PASSWORD);
        MAIL.createUser(BOB, BOB_PASSWORD);
        try (Store store = MAIL.imap(ME, PASSWORD)) {
            for (String name : List.of("Drafts", "Sent")) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
        }
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, ME, PASSWORD);
    }

    @AfterAll
    void stop() {
        MAIL.close();
    }

    Reply call(String method, String path, Object body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.send(method, path, body == null ? null : body instanceof String s ? s : json(body), all);
    }

    static String json(Object body) {
        return HttpCalls.json(((Map<?, ?>) body).entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
    }

    static Map<String, Object> message(String subject, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", List.of("Bob Example <" + BOB + ">"));
        m.put("subject", subject);
        m.put("text", "Hello Bob,\nsee the file.\n");
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    /** The one message in {@code user}'s {@code folder} with this subject, read fully. */
    static MimeMessage received(String user, String password, String folder, String subject) throws Exception {
        return received(MAIL, user, password, folder, subject);
    }

    static MimeMessage received(GreenMailFixture mail, String user, String password, String folder, String subject) throws Exception {
        return Await.until("message " + subject + " in " + folder + " of " + user, Duration.ofSeconds(10), () -> {
            try (Store store = mail.imap(user, password)) {
                Folder f = store.getFolder(folder);
                f.open(Folder.READ_ONLY);
                Message[] found = f.search(new SubjectTerm(subject));
                assertThat(found.length).isLessThanOrEqualTo(1);
                if (found.length == 0) return null;
                MimeMessage copy = new MimeMessage((MimeMessage) found[0]);
                copy.setFlags(found[0].getFlags(), true);
                return copy;
            }
        }, java.util.Objects::nonNull);
    }

    static int count(String user, String password, String folder, String subject) throws Exception {
        return count(MAIL, user, password, folder, subject);
    }

    static int count(GreenMailFixture mail, String user, String password, String folder, String subject) throws Exception {
        try (Store store = mail.imap(user, password)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            return f.search(new SubjectTerm(subject)).length;
        }
    }

    @Test
    void sentMessageArrivesIntactWithEncodingFilesAndASentCopy() throws Exception {
        byte[] pdf = new byte[70_000];
        new java.util.Random(7).nextBytes(pdf);
        String subject = "Grüße – 日本語 " + SUFFIX;
        Reply sent = call("POST", "/api/v1/messages", message(subject, "cc", List.of(), "bcc", List.of(ME),
                "html", "<p>Hello <b>Bob</b></p>",
                "attachments", List.of(Map.of("filename", "Rechnung März – Übersicht.pdf", "contentType", "application/pdf",
                        "contentBase64", Base64.getEncoder().encodeToString(pdf)))));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String messageId = sent.json().get("messageId").asString();
        assertThat(messageId).endsWith("@example.test>");

        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", subject);
        assertThat(m.getSubject()).isEqualTo(subject);
        assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(m.getMessageID()).isEqualTo(messageId);
        assertThat(m.getHeader("Date")).isNotNull();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo(ME);
        assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Bob Example");
        Multipart mixed = (Multipart) m.getContent();
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        Part file = mixed.getBodyPart(1);
        assertThat(file.getHeader("Content-Disposition")[0]).contains("filename*=UTF-8''");
        assertThat(file.getFileName()).isEqualTo("Rechnung März – Übersicht.pdf");
        try (InputStream in = file.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        MimeMessage bcc = received(ME, PASSWORD, "INBOX", subject); // Bcc recipient got it too
        assertThat(bcc.getMessageID()).isEqualTo(messageId);
        MimeMessage copy = received(ME, PASSWORD, "Sent", subject);
        assertThat(copy.getMessageID()).isEqualTo(messageId);
        assertThat(copy.getFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(copy.getHeader("Bcc")[0]).contains(ME);
    }

    @Test
    void multipartFormWithFilesSends() throws Exception {
        String subject = "Form upload " + SUFFIX;
        String boundary = "----vm" + SUFFIX;
        StringBuilder b = new StringBuilder();
        for (String[] field : new String[][] {{"to", BOB}, {"subject", subject}, {"text", "by form"}}) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n")
                    .append(field[1]).append("\r\n");
        }
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"notes.txt\"\r\n")
                .append("Content-Type: text/plain\r\n\r\nline one\r\n--").append(boundary).append("--\r\n");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(b.toString())).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", subject);
        Part file = ((Multipart) m.getContent()).getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("notes.txt");
        assertThat(new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line one");
    }

    @Test
    void headerInjectionIsRefusedWithTheFieldNamed() {
        record Case(Map<String, Object> body, String field) { }
        List<Case> cases = List.of(
                new Case(message("Hi\r\nBcc: victim@example.org"), "subject"),
                new Case(message("ok", "to", List.of("\"Bob\r\nBcc: v@example.org\" <" + BOB + ">")), "to[0]"),
                new Case(message("ok", "cc", List.of(BOB + "\nX: y")), "cc[0]"),
                new Case(message("ok", "attachments", List.of(Map.of("filename", "a\r\n.txt", "contentType", "text/plain", "contentBase64", "YQ=="))),
                        "attachments[0].filename"),
                new Case(message("ok", "to", List.of("no address here")), "to[0]"),
                new Case(message("ok", "from", "someone-else@example.test"), "from"));
        for (Case c : cases) {
            Reply r = call("POST", "/api/v1/messages", c.body());
            assertThat(r.status()).as(c.field() + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.json().get("field").asString()).isEqualTo(c.field());
        }
        Reply identity = call("PUT", "/api/v1/identities/" + ME, Map.of("name", "Me\r\nBcc: all@example.org"));
        assertThat(identity.status()).isEqualTo(400);
        assertThat(identity.json().get("field").asString()).isEqualTo("name");
    }

    @Test
    void identitiesCarryNameAndSignatureAndAliasesCanSend() throws Exception {
        String alias = "sales-" + SUFFIX + "@example.test";
        Reply list = call("GET", "/api/v1/identities", null);
        assertThat(list.body()).contains(ME).contains(alias);
        Reply update = call("PUT", "/api/v1/identities/" + alias, Map.of("name", "Sales Team – Ü", "signature", "-- \nSales"));
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        String subject = "From alias " + SUFFIX;
        assertThat(call("POST", "/api/v1/messages", message(subject, "from", alias)).status()).isEqualTo(201);
        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", subject);
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(alias);
        assertThat(from.getPersonal()).isEqualTo("Sales Team – Ü");
    }

    @Test
    void oversizeAttachmentIs413BeforeAnythingIsSent() throws Exception {
        String subject = "Too big " + SUFFIX;
        byte[] big = new byte[2 * 1024 * 1024];
        Reply r = call("POST", "/api/v1/messages", message(subject, "attachments",
                List.of(Map.of("filename", "big.bin", "contentType", "application/octet-stream", "contentBase64", Base64.getEncoder().encodeToString(big)))));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().get("field").asString()).isEqualTo("attachments[0]");
        assertThat(r.json().get("limit").asLong()).isPositive();
        Reply limits = call("GET", "/api/v1/compose/limits", null);
        assertThat(limits.json().get("maxMessageBytes").asLong()).isEqualTo(2 * 1024 * 1024);
        assertThat(limits.json().get("maxFileBytes").asLong()).isLessThan(2 * 1024 * 1024);
        assertThat(count(BOB, BOB_PASSWORD, "INBOX", subject)).isZero();
    }

    @Test
    void theSameIdempotencyKeyNeverSendsTwice() throws Exception {
        String subject = "Once only " + SUFFIX;
        String key = "key-" + UUID.randomUUID();
        Reply first = call("POST", "/api/v1/messages", message(subject), "Idempotency-Key", key);
        Reply second = call("POST", "/api/v1/messages", message(subject), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().get("messageId").asString()).isEqualTo(first.json().get("messageId").asString());
        received(BOB, BOB_PASSWORD, "INBOX", subject);
        Thread.sleep(300); // a second copy would follow the first closely
        assertThat(count(BOB, BOB_PASSWORD, "INBOX", subject)).isEqualTo(1);
        assertThat(call("POST", "/api/v1/messages", message(subject), "Idempotency-Key", "k".repeat(201)).status()).isEqualTo(400);
    }

    @Test
    void replyCarriesThreadingQuotesAndFlagsTheOriginalAnswered() throws Exception {
        String subject = "Re: Re: Planning " + SUFFIX;
        String raw = "From: Carol <carol@example.org>\r\nTo: " + ME + ", dave@example.org\r\nCc: erin@example.org\r\n"
                + "Subject: " + subject + "\r\nMessage-ID: <orig-" + SUFFIX + "@example.org>\r\nReferences: <root-" + SUFFIX
                + "@example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nFirst line\r\nSecond line\r\n";
        MAIL.deliver(new MimeMessage(null, new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
            @Override
            protected void updateMessageID() {
                // keep the original's
            }
        });
        long uid = uidOf(ME, PASSWORD, "INBOX", subject);

        Reply start = call("GET", "/api/v1/compose/start?folder=INBOX&uid=" + uid + "&mode=reply-all", null);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        JsonNode letter = start.json().get("letter");
        assertThat(letter.get("subject").asString()).isEqualTo("Re: Planning " + SUFFIX);
        assertThat(letter.get("to").toString()).contains("carol@example.org").contains("dave@example.org").doesNotContain(ME);
        assertThat(letter.get("cc").toString()).contains("erin@example.org");
        assertThat(letter.get("inReplyTo").asString()).isEqualTo("<orig-" + SUFFIX + "@example.org>");
        assertThat(letter.get("text").asString()).contains("> First line").contains("Carol");
        assertThat(start.json().get("quoteHtml").asString()).contains("<blockquote");

        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("to", List.of(BOB));
        reply.put("subject", letter.get("subject").asString());
        reply.put("text", "Agreed." + letter.get("text").asString());
        reply.put("markdown", true);
        reply.put("inReplyTo", letter.get("inReplyTo").asString());
        reply.put("references", List.of("<root-" + SUFFIX + "@example.org>", "<orig-" + SUFFIX + "@example.org>"));
        reply.put("original", Map.of("folder", "INBOX", "uid", uid, "kind", "reply"));
        Reply sent = call("POST", "/api/v1/messages", reply);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);

        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", "Re: Planning " + SUFFIX);
        assertThat(m.getHeader("In-Reply-To")[0]).isEqualTo("<orig-" + SUFFIX + "@example.org>");
        assertThat(m.getHeader("References", " ")).contains("<root-" + SUFFIX + "@example.org>").contains("<orig-" + SUFFIX + "@example.org>");
        Multipart alternative = (Multipart) m.getContent();
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<blockquote>");
        assertThat(received(ME, PASSWORD, "INBOX", subject).getFlags().contains(Flags.Flag.ANSWERED)).isTrue();
    }

    @Test
    void aReplyFromTheComposerQuotesTheOriginalsHtmlSanitisedInABlockquote() throws Exception {
        String subject = "Newsletter " + SUFFIX;
        MimeMessage original = new MimeMessage((jakarta.mail.Session) null);
        original.setFrom(new InternetAddress("carol@example.org"));
        original.setRecipients(Message.RecipientType.TO, ME);
        original.setSubject(subject);
        jakarta.mail.internet.MimeMultipart alternative = new jakarta.mail.internet.MimeMultipart("alternative");
        jakarta.mail.internet.MimeBodyPart plain = new jakarta.mail.internet.MimeBodyPart();
        plain.setText("Quarterly figures are up.", "UTF-8");
        jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
        html.setText("<html><body><p>Quarterly <b>figures</b> are up.</p><script>alert('x')</script>"
                + "<img src=\"x\" onerror=\"alert(1)\"><img src=\"https://tracker.example.net/pixel.gif\">"
                + "<img src=\"cid:logo@example.org\"></body></html>", "UTF-8", "html");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        original.setContent(alternative);
        MAIL.deliver(original);
        long uid = uidOf(ME, PASSWORD, "INBOX", subject);

        JsonNode start = call("GET", "/api/v1/compose/start?folder=INBOX&uid=" + uid + "&mode=reply", null).json();
        assertThat(start.get("quoteHtml").asString()).contains("Quarterly").doesNotContain("tracker.example.net").doesNotContain("/api/v1/");
        JsonNode letter = start.get("letter");
        // what the composer does: save a draft with the user's Markdown above the quote, then send the draft
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("to", List.of(BOB));
        reply.put("subject", letter.get("subject").asString());
        reply.put("text", "Thanks, **great** news!" + letter.get("text").asString().replace("\n", "\r\n"));
        reply.put("markdown", true);
        reply.put("inReplyTo", letter.get("inReplyTo").asString());
        reply.put("original", Map.of("folder", "INBOX", "uid", uid, "kind", "reply"));
        Reply draft = call("POST", "/api/v1/drafts", reply);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        Reply sent = call("POST", "/api/v1/drafts/" + draft.json().get("uid").asLong() + "/send", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);

        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", "Re: " + subject);
        Multipart parts = (Multipart) m.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String body = (String) parts.getBodyPart(1).getContent();
        assertThat(text).startsWith("Thanks, **great** news!").contains("> Quarterly figures are up.");
        assertThat(body).contains("<strong>great</strong>");
        int quote = body.indexOf("<blockquote");
        assertThat(quote).isGreaterThan(body.indexOf("great"));
        assertThat(body.substring(quote)).contains("Quarterly <b>figures</b> are up.").contains("</blockquote>");
        assertThat(body.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script").doesNotContain("alert")
                .doesNotContain("onerror").doesNotContain("tracker.example.net").doesNotContain("cid:").doesNotContain("/api/v1/");
    }

    @Test
    void forwardAsAttachmentCarriesTheOriginalAndFlagsItForwarded() throws Exception {
        String subject = "Quarterly " + SUFFIX;
        MimeMessage original = new MimeMessage((jakarta.mail.Session) null);
        original.setFrom(new InternetAddress("carol@example.org"));
        original.setRecipients(Message.RecipientType.TO, ME);
        original.setSubject(subject);
        original.setText("Numbers", "UTF-8");
        MAIL.deliver(original);
        long uid = uidOf(ME, PASSWORD, "INBOX", subject);
        Reply start = call("GET", "/api/v1/compose/start?folder=INBOX&uid=" + uid + "&mode=forward-attachment", null);
        JsonNode letter = start.json().get("letter");
        assertThat(letter.get("subject").asString()).isEqualTo("Fwd: " + subject);
        assertThat(letter.get("attachments").get(0).get("contentType").asString()).isEqualTo("message/rfc822");

        // the API client sends the original as a file itself; a draft started from it would carry it
        Reply draft = call("POST", "/api/v1/drafts", Map.of("to", List.of(BOB), "subject", "Fwd: " + subject, "text", "FYI",
                "original", Map.of("folder", "INBOX", "uid", uid, "kind", "forward"),
                "attachments", List.of(Map.of("filename", subject + ".eml", "contentType", "message/rfc822",
                        "contentBase64", Base64.getEncoder().encodeToString(rawOf(ME, PASSWORD, "INBOX", subject))))));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        Reply sent = call("POST", "/api/v1/drafts/" + draft.json().get("uid").asLong() + "/send", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        MimeMessage m = received(BOB, BOB_PASSWORD, "INBOX", "Fwd: " + subject);
        Part attached = ((Multipart) m.getContent()).getBodyPart(1);
        assertThat(attached.getContentType()).startsWith("message/rfc822");
        assertThat(((MimeMessage) attached.getContent()).getSubject()).isEqualTo(subject);
        assertThat(received(ME, PASSWORD, "INBOX", subject).getFlags().contains("$Forwarded")).isTrue();
        assertThat(count(ME, PASSWORD, "Drafts", "Fwd: " + subject)).isZero();
    }

    @Test
    void draftsAreSavedReplacedContinuedWithFilesAndDeleted() throws Exception {
        String subject = "Draft " + SUFFIX;
        Reply created = call("POST", "/api/v1/drafts", Map.of("to", List.of(BOB), "bcc", List.of("hidden@example.org"), "subject", subject,
                "text", "first", "attachments", List.of(Map.of("filename", "a.bin", "contentType", "application/octet-stream", "contentBase64", "AAEC/w=="))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long uid = created.json().get("uid").asLong();
        String messageId = created.json().get("messageId").asString();
        Reply updated = call("PUT", "/api/v1/drafts/" + uid, Map.of("to", List.of(BOB), "bcc", List.of("hidden@example.org"), "subject", subject, "text", "second"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        long uid2 = updated.json().get("uid").asLong();
        assertThat(uid2).isNotEqualTo(uid);
        assertThat(updated.json().get("messageId").asString()).isEqualTo(messageId);
        assertThat(count(ME, PASSWORD, "Drafts", subject)).isEqualTo(1);
        assertThat(call("GET", "/api/v1/drafts/" + uid, null).status()).isEqualTo(404);

        JsonNode draft = call("GET", "/api/v1/drafts/" + uid2, null).json();
        assertThat(draft.get("letter").get("text").asString()).isEqualTo("second");
        assertThat(draft.get("letter").get("bcc").get(0).asString()).isEqualTo("hidden@example.org");
        assertThat(draft.get("letter").get("attachments").get(0).get("filename").asString()).isEqualTo("a.bin");
        assertThat(draft.get("letter").get("attachments").get(0).get("size").asInt()).isEqualTo(4);
        MimeMessage stored = received(ME, PASSWORD, "Drafts", subject);
        assertThat(stored.getFlags().contains(Flags.Flag.DRAFT)).isTrue();

        Reply dropFile = call("PUT", "/api/v1/drafts/" + uid2, Map.of("to", List.of(BOB), "subject", subject, "text", "third", "keepAttachments", List.of()));
        assertThat(dropFile.json().get("letter").get("attachments")).isEmpty();
        long uid3 = dropFile.json().get("uid").asLong();
        assertThat(call("DELETE", "/api/v1/drafts/" + uid3, null).status()).isEqualTo(204);
        assertThat(count(ME, PASSWORD, "Drafts", subject)).isZero();
    }

    @Test
    void sendingADraftWaitsForTheUndoDelayAndCanBeCancelled() throws Exception {
        String subject = "Undo me " + SUFFIX;
        long uid = call("POST", "/api/v1/drafts", message(subject)).json().get("uid").asLong();
        CompletableFuture<Reply> sending = CompletableFuture.supplyAsync(() -> call("POST", "/api/v1/drafts/" + uid + "/send", null));
        Thread.sleep(500); // the send is waiting out its undo delay now
        assertThat(call("DELETE", "/api/v1/drafts/" + uid + "/send", null).status()).isEqualTo(204);
        Reply cancelled = sending.get();
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(409);
        assertThat(count(ME, PASSWORD, "Drafts", subject)).isEqualTo(1); // still a draft
        Thread.sleep(1500); // past the undo delay: a send that was not cancelled would have arrived
        assertThat(count(BOB, BOB_PASSWORD, "INBOX", subject)).isZero();

        long started = System.nanoTime();
        Reply sent = call("POST", "/api/v1/drafts/" + uid + "/send", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1400);
        received(BOB, BOB_PASSWORD, "INBOX", subject);
        assertThat(count(ME, PASSWORD, "Drafts", subject)).isZero();
        assertThat(call("DELETE", "/api/v1/drafts/" + uid + "/send", null).status()).isEqualTo(409);
    }

    @Test
    void peopleInMessagesTheUserOpensAreSuggestedButNotTheUserThemself() throws Exception {
        String tag = "op" + UUID.randomUUID().toString().substring(0, 8);
        String subject = "Opened " + tag;
        MimeMessage m = new MimeMessage((jakarta.mail.Session) null);
        m.setFrom(new InternetAddress("quincy-" + tag + "@example.org", "Quincy Reader"));
        m.setRecipients(Message.RecipientType.TO, ME + ", victor-" + tag + "@example.org");
        m.setRecipients(Message.RecipientType.CC, "ursula-" + tag + "@example.org");
        m.setSubject(subject);
        m.setText("Hi");
        MAIL.deliver(m);
        long uid = uidOf(ME, PASSWORD, "INBOX", subject);
        assertThat(call("GET", "/api/v1/contacts?q=" + tag, null).json()).isEmpty();

        long started = System.nanoTime();
        Reply opened = call("GET", "/api/v1/folders/INBOX/messages/" + uid, null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        JsonNode found = Await.until("three contacts written in the background", Duration.ofSeconds(10),
                () -> call("GET", "/api/v1/contacts?q=" + tag + "&limit=50", null).json(), f -> f.size() >= 3);
        assertThat(found.toString()).as(opened.body()).contains("quincy-" + tag + "@example.org").contains("Quincy Reader")
                .contains("victor-" + tag + "@example.org").contains("ursula-" + tag + "@example.org")
                .doesNotContain(ME);
        assertThat(found.size()).isEqualTo(3);
        assertThat(call("GET", "/api/v1/contacts?q=writer-" + SUFFIX, null).json().toString()).doesNotContain(ME);
    }

    @Test
    void contactsAreRememberedPerUserAndSuggested() throws Exception {
        String subject = "Contacts " + SUFFIX;
        assertThat(call("POST", "/api/v1/messages", message(subject, "cc", List.of("Zelda Quux <zelda-" + SUFFIX + "@example.org>"))).status()).isEqualTo(201);
        Reply found = call("GET", "/api/v1/contacts?q=zelda", null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get(0).get("address").asString()).isEqualTo("zelda-" + SUFFIX + "@example.org");
        assertThat(found.json().get(0).get("name").asString()).isEqualTo("Zelda Quux");
        // another user sees none of them
        Reply bob = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", BOB, "password", BOB_PASSWORD));
        Reply other = http.get("/api/v1/contacts?q=zelda", "Authorization", "Bearer " + bob.json().get("accessToken").asString());
        assertThat(other.json()).isEmpty();
    }

    @Test
    void theSessionPasswordAppearsInNoReplyOrLogWhenSendingFails(CapturedOutput output) throws Exception {
        // wrong SMTP credentials for this session: the stored SMTP login points at a password the server refuses
        MAIL.greenMail().getUserManager().getUserByEmail(ME).setPassword("changed-" + SUFFIX);
        try {
            Reply r = call("POST", "/api/v1/messages", message("Canary " + SUFFIX));
            assertThat(r.status()).as(r.body()).isEqualTo(502);
            assertThat(r.json().get("field").asString()).isEqualTo("smtp");
            for (Reply seen : http.seen()) assertThat(seen.body()).doesNotContain(PASSWORD);
            assertThat(output.getAll()).doesNotContain(PASSWORD);
        } finally {
            MAIL.greenMail().getUserManager().getUserByEmail(ME).setPassword(PASSWORD);
        }
    }

    static long uidOf(String user, String password, String folder, String subject) throws Exception {
        return uidOf(MAIL, user, password, folder, subject);
    }

    static long uidOf(GreenMailFixture mail, String user, String password, String folder, String subject) throws Exception {
        return Await.until("message " + subject + " in " + folder + " of " + user, Duration.ofSeconds(10), () -> {
            try (Store store = mail.imap(user, password)) {
                Folder f = store.getFolder(folder);
                f.open(Folder.READ_ONLY);
                Message[] found = f.search(new SubjectTerm(subject));
                return found.length == 1 ? ((jakarta.mail.UIDFolder) f).getUID(found[0]) : -1L;
            }
        }, uid -> uid >= 0);
    }

    static byte[] rawOf(String user, String password, String folder, String subject) throws Exception {
        MimeMessage m = received(user, password, folder, subject);
        var out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
