package org.vaultmail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The reading API end to end: GreenMail, the whole app on a random port, a bearer token. Checks the JSON
 * shapes scripts rely on, sanitising and remote-content blocking in the message view, cid images, downloads
 * with safe headers, problem+json errors, and that the password never comes back.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingApiTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Reading-Canary-7f3e9a21";
    static final String ADDRESS = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
    static final byte[] PDF = "%PDF-1.4\n% test document \u00e4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-reading-test-");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @LocalServerPort
    int port;

    HttpCalls http;
    String token;
    String archivePath;

    @BeforeAll
    void seedAndSignIn() throws Exception {
        MAIL.createUser(ADDRESS, PASSWORD);
        try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[]{plainLatin1(), htmlWithImagesAndAttachment()});
            Folder archive = store.getFolder("Archive");
            archive.create(Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
            Folder year = archive.getFolder("2024");
            year.create(Folder.HOLDS_MESSAGES);
            year.appendMessages(new Message[]{simple("Archived report", "Old news")});
            Folder edge = store.getFolder("Edge cases");
            edge.create(Folder.HOLDS_MESSAGES);
            edge.appendMessages(new Message[]{japanese(), forwardedMessage(), huge()});
        }
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, ADDRESS, PASSWORD);
        for (JsonNode f : get("/api/v1/folders").json()) {
            if (f.get("path").asString().endsWith("2024")) archivePath = f.get("path").asString();
        }
    }

    Reply get(String path) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void foldersHaveTheDocumentedShape() {
        JsonNode folders = get("/api/v1/folders").json();
        JsonNode inbox = null;
        for (JsonNode f : folders) if (f.get("path").asString().equals("INBOX")) inbox = f;
        assertThat(inbox).isNotNull();
        assertThat(inbox.get("name").asString()).isEqualTo("INBOX");
        assertThat(inbox.get("role").asString()).isEqualTo("inbox");
        assertThat(inbox.get("total").asInt()).isEqualTo(2);
        assertThat(inbox.has("unread")).isTrue();
        assertThat(archivePath).isNotNull();
        JsonNode archive = null;
        for (JsonNode f : folders) if (f.get("path").asString().equals(archivePath)) archive = f;
        assertThat(archive.get("name").asString()).isEqualTo("2024");
        assertThat(archive.get("role").isNull()).isTrue();
    }

    @Test
    void listsPagesSortsAndShapes() {
        JsonNode page = get("/api/v1/folders/INBOX/messages").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isZero();
        JsonNode newest = page.get("messages").get(0);
        assertThat(newest.get("subject").asString()).isEqualTo("Quarterly newsletter");
        assertThat(newest.get("from").get("name").asString()).isEqualTo("Ann Example");
        assertThat(newest.get("from").get("address").asString()).isEqualTo("ann@example.test");
        assertThat(newest.get("hasAttachments").asBoolean()).isTrue();
        assertThat(newest.get("size").asLong()).isPositive();
        assertThat(newest.get("uid").asLong()).isPositive();
        assertThat(newest.get("flags").isArray()).isTrue();
        assertThat(newest.has("date")).isTrue();
        assertThat(newest.has("preview")).isTrue();

        JsonNode bySubject = get("/api/v1/folders/INBOX/messages?sort=subject&order=asc").json();
        assertThat(bySubject.get("messages").get(0).get("subject").asString()).isEqualTo("Grüße aus München");

        JsonNode second = get("/api/v1/folders/INBOX/messages?offset=1&limit=1").json();
        assertThat(second.get("messages")).hasSize(1);
        assertThat(second.get("offset").asInt()).isEqualTo(1);
        assertThat(second.get("messages").get(0).get("subject").asString()).isEqualTo("Grüße aus München");
    }

    @Test
    void searchesAFolderAndEveryFolder() {
        JsonNode inFolder = get("/api/v1/folders/INBOX/messages?q=" + enc("subject:newsletter")).json();
        assertThat(inFolder.get("total").asInt()).isEqualTo(1);
        assertThat(inFolder.get("messages").get(0).get("subject").asString()).isEqualTo("Quarterly newsletter");
        // GreenMail matches FROM only against a whole address (Dovecot, in ReadingDovecotTest, against any part)
        assertThat(get("/api/v1/folders/INBOX/messages?q=" + enc("from:bernd@example.test wiki")).json().get("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/folders/INBOX/messages?q=" + enc("has:attachment")).json().get("total").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/folders/INBOX/messages?q=" + enc("x\") UID 1:* (FLAGS")).json().get("total").asInt())
                .as("IMAP syntax is only text").isZero();

        JsonNode report = get("/api/v1/search?q=" + enc("report")).json();
        assertThat(report.get("total").asInt()).isEqualTo(1);
        assertThat(report.get("messages").get(0).get("folder").asString()).isEqualTo(archivePath);
        assertThat(report.get("messages").get(0).get("subject").asString()).isEqualTo("Archived report");
        JsonNode attached = get("/api/v1/search?q=" + enc("body:attached")).json();
        List<String> hits = new ArrayList<>();
        for (JsonNode hit : attached.get("messages")) hits.add(hit.get("folder").asString() + ":" + hit.get("subject").asString());
        assertThat(hits).containsExactlyInAnyOrder("Edge cases:Big scan", "Edge cases:Fwd: the original");
        assertThat(get("/api/v1/search?q=").status()).isEqualTo(400);
    }

    static String enc(String q) {
        return java.net.URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @Test
    void folderPathsWithDelimitersAreOneEncodedSegment() {
        Reply reply = get("/api/v1/folders/" + MessageLinks.segment(archivePath) + "/messages");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("messages").get(0).get("subject").asString()).isEqualTo("Archived report");
    }

    @Test
    void htmlIsSanitisedRemoteContentBlockedAndCidImagesServedFromTheMessage() throws Exception {
        long uid = uidOf("Quarterly newsletter");
        JsonNode m = get("/api/v1/folders/INBOX/messages/" + uid).json();
        String html = m.get("html").asString();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onclick")
                .doesNotContain("tracker.example").contains("Hello <b>readers</b>");
        assertThat(m.get("remoteContentBlocked").asBoolean()).isTrue();
        assertThat(m.get("text").asString()).contains("Hello readers");
        assertThat(m.get("to").get(0).get("address").asString()).isEqualTo(ADDRESS);
        assertThat(m.get("from").get("address").asString()).isEqualTo("ann@example.test");

        List<String> names = new ArrayList<>();
        String pdfPart = null;
        for (JsonNode a : m.get("attachments")) {
            names.add(a.get("filename").asString());
            if (a.get("contentType").asString().equals("application/pdf")) pdfPart = a.get("partId").asString();
        }
        assertThat(names).as("the inline logo the HTML shows is not an attachment").containsExactly("Bericht Übersicht.pdf");

        String cidUrl = "/api/v1/folders/INBOX/messages/" + uid + "/attachments/";
        assertThat(html).contains("src=\"" + cidUrl);
        String logoUrl = html.substring(html.indexOf(cidUrl)).replaceFirst("\".*", "").replace("&amp;", "&");
        HttpResponse<byte[]> logo = bytes(logoUrl);
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.body()).isEqualTo(PNG);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<byte[]> pdf = bytes(cidUrl + pdfPart);
        assertThat(pdf.body()).isEqualTo(PDF);
        assertThat(pdf.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(pdf.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''Bericht%20%C3%9Cbersicht.pdf");

        JsonNode shown = get("/api/v1/folders/INBOX/messages/" + uid + "?remote=true").json();
        assertThat(unescape(shown.get("html").asString())).contains("/remote?url=https%3A%2F%2Ftracker.example%2Fpixel.gif");
        assertThat(shown.get("remoteContentShown").asBoolean()).isTrue();
    }

    @Test
    void trustedSendersLoadRemoteContentWithoutAsking() {
        long uid = uidOf("Quarterly newsletter");
        Reply trust = http.send("POST", "/api/v1/settings/remote-content/senders", HttpCalls.json("address", "Ann@Example.test"),
                "Authorization", "Bearer " + token);
        assertThat(trust.status()).isEqualTo(204);
        try {
            assertThat(get("/api/v1/settings/remote-content/senders").json().get(0).asString()).isEqualTo("ann@example.test");
            assertThat(unescape(get("/api/v1/folders/INBOX/messages/" + uid).json().get("html").asString())).contains("/remote?url=");
        } finally {
            http.send("DELETE", "/api/v1/settings/remote-content/senders/ann@example.test", null, "Authorization", "Bearer " + token);
        }
        assertThat(get("/api/v1/folders/INBOX/messages/" + uid).json().get("remoteContentBlocked").asBoolean()).isTrue();
    }

    @Test
    void plainTextInADeclaredCharset() {
        JsonNode m = get("/api/v1/folders/INBOX/messages/" + uidOf("Grüße aus München")).json();
        assertThat(m.get("text").asString()).contains("Schöne Grüße", "https://example.org/wiki");
        assertThat(m.get("html").isNull()).isTrue();
        assertThat(m.get("attachments")).isEmpty();
    }

    @Test
    void sourceIsShownAsTextOrDownloaded() throws Exception {
        long uid = uidOf("Grüße aus München");
        HttpResponse<byte[]> view = bytes("/api/v1/folders/INBOX/messages/" + uid + "/source");
        assertThat(new String(view.body(), StandardCharsets.ISO_8859_1)).contains("Subject:", "Message-ID:");
        assertThat(view.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(view.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<byte[]> download = bytes("/api/v1/folders/INBOX/messages/" + uid + "/source?download=true");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(download.body()).as("the download is the same source, byte for byte").isEqualTo(view.body());
    }

    @Test
    void flagsAreSetAndCleared() {
        long uid = uidOf("Grüße aus München");
        Reply set = http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/flags",
                HttpCalls.json("add", List.of("seen", "flagged")), "Authorization", "Bearer " + token);
        assertThat(set.status()).isEqualTo(204);
        assertThat(get("/api/v1/folders/INBOX/messages/" + uid).json().get("flags").toString()).contains("seen", "flagged");
        http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/flags", HttpCalls.json("remove", List.of("seen", "flagged")),
                "Authorization", "Bearer " + token);
        assertThat(get("/api/v1/folders/INBOX/messages/" + uid).json().get("flags").toString()).doesNotContain("seen");

        Reply bad = http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/flags", HttpCalls.json("add", List.of("bogus")),
                "Authorization", "Bearer " + token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("unknown flag: bogus");
    }

    @Test
    void errorsAreProblemDetails() {
        Reply noFolder = get("/api/v1/folders/Nope/messages");
        assertThat(noFolder.status()).isEqualTo(404);
        assertThat(noFolder.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noFolder.json().get("detail").asString()).contains("Nope");

        Reply noMessage = get("/api/v1/folders/INBOX/messages/999999");
        assertThat(noMessage.status()).isEqualTo(404);
        assertThat(noMessage.header("Content-Type")).startsWith("application/problem+json");

        Reply badSort = get("/api/v1/folders/INBOX/messages?sort=colour");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().get("detail").asString()).contains("sort must be one of");

        Reply badLimit = get("/api/v1/folders/INBOX/messages?limit=100000");
        assertThat(badLimit.status()).isEqualTo(400);

        Reply noPart = get("/api/v1/folders/INBOX/messages/" + uidOf("Grüße aus München") + "/attachments/7");
        assertThat(noPart.status()).isEqualTo(404);

        Reply anonymous = http.get("/api/v1/folders");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void iso2022jpSubjectAndBody() {
        JsonNode m = get(edge(uidIn("Edge cases", "会議の議事録"))).json();
        assertThat(m.get("subject").asString()).isEqualTo("会議の議事録");
        assertThat(m.get("text").asString()).contains("明日の会議は十時からです。");
    }

    @Test
    void attachedMessagesAreAttachmentsAndDownloadWhole() throws Exception {
        long uid = uidIn("Edge cases", "Fwd: the original");
        JsonNode m = get(edge(uid)).json();
        assertThat(m.get("text").asString()).contains("See the attached message.");
        JsonNode attachment = m.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("message/rfc822");
        assertThat(attachment.get("filename").asString()).endsWith(".eml");
        HttpResponse<byte[]> eml = bytes(edge(uid) + "/attachments/" + attachment.get("partId").asString());
        assertThat(new String(eml.body(), StandardCharsets.UTF_8)).contains("Subject: The original", "Original body text");
    }

    @Test
    void aTwentyMegabyteMessageOpensWithoutItsAttachmentAndDownloadsByteExact() throws Exception {
        long uid = uidIn("Edge cases", "Big scan");
        Reply reply = get(edge(uid));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).as("the view carries the body, not the 20 MB attachment").isLessThan(20_000);
        JsonNode m = reply.json();
        assertThat(m.get("size").asLong()).isGreaterThan(20_000_000L);
        assertThat(m.get("truncated").asBoolean()).isFalse();
        HttpResponse<byte[]> scan = bytes(edge(uid) + "/attachments/" + m.get("attachments").get(0).get("partId").asString());
        assertThat(scan.body()).hasSize(HUGE_ATTACHMENT.length);
        assertThat(java.security.MessageDigest.getInstance("SHA-256").digest(scan.body()))
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(HUGE_ATTACHMENT));
    }

    String edge(long uid) {
        return "/api/v1/folders/" + MessageLinks.segment("Edge cases") + "/messages/" + uid;
    }

    long uidIn(String folder, String subject) {
        for (JsonNode m : get("/api/v1/folders/" + MessageLinks.segment(folder) + "/messages").json().get("messages")) {
            if (m.get("subject").asString().equals(subject)) return m.get("uid").asLong();
        }
        throw new AssertionError("no message " + subject + " in " + folder);
    }

    @Test
    void thePasswordNeverComesBack() {
        get("/api/v1/folders");
        get("/api/v1/folders/INBOX/messages");
        for (Reply reply : http.seen()) {
            assertThat(reply.body()).doesNotContain(PASSWORD);
            assertThat(reply.headers().toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void reopeningAMessageServesItsRenderedBodyWithFlagsChangedElsewhere() throws Exception {
        String folder = java.net.URLEncoder.encode(archivePath, StandardCharsets.UTF_8);
        long uid = get("/api/v1/folders/" + folder + "/messages").json().get("messages").get(0).get("uid").asLong();
        int before = rendered.size();
        JsonNode first = get("/api/v1/folders/" + folder + "/messages/" + uid).json();
        assertThat(rendered.size()).as("kept for a return visit").isEqualTo(before + 1);
        try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
            Folder elsewhere = store.getFolder(archivePath);
            elsewhere.open(Folder.READ_WRITE);
            elsewhere.getMessage(1).setFlag(jakarta.mail.Flags.Flag.FLAGGED, true);
            elsewhere.close(false);
        }
        try {
            JsonNode again = get("/api/v1/folders/" + folder + "/messages/" + uid).json();
            assertThat(rendered.size()).as("the same entry").isEqualTo(before + 1);
            assertThat(first.get("flags").toString()).doesNotContain("flagged");
            assertThat(again.get("flags").toString()).as("headers and flags come fresh").contains("flagged");
            assertThat(again.get("text").asString()).isEqualTo(first.get("text").asString()).contains("Old news");
        } finally {
            try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
                Folder elsewhere = store.getFolder(archivePath);
                elsewhere.open(Folder.READ_WRITE);
                elsewhere.getMessage(1).setFlag(jakarta.mail.Flags.Flag.FLAGGED, false);
                elsewhere.close(false);
            }
        }
    }

    /** The sanitiser writes some URL characters as character references ({@code &#61;} for {@code =}). */
    static String unescape(String html) {
        return html.replace("&#61;", "=").replace("&amp;", "&");
    }

    @org.springframework.beans.factory.annotation.Autowired
    RenderedMessages rendered;

    long uidOf(String subject) {
        for (JsonNode m : get("/api/v1/folders/INBOX/messages").json().get("messages")) {
            if (m.get("subject").asString().equals(subject)) return m.get("uid").asLong();
        }
        throw new AssertionError("no message " + subject);
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Session session() {
        return Session.getInstance(new Properties());
    }

    static MimeMessage simple(String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("archive@example.test", "Archive Bot"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject(subject);
        m.setSentDate(new Date(System.currentTimeMillis() - 86_400_000L * 400));
        m.setText(text, "utf-8");
        m.saveChanges();
        return m;
    }

    static final byte[] HUGE_ATTACHMENT = hugeAttachment();

    static byte[] hugeAttachment() {
        byte[] b = new byte[20 * 1024 * 1024];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    static MimeMessage japanese() throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("taro@example.test", "山田太郎", "ISO-2022-JP"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject("会議の議事録", "ISO-2022-JP");
        m.setText("明日の会議は十時からです。\n", "ISO-2022-JP");
        m.saveChanges();
        return m;
    }

    static MimeMessage forwardedMessage() throws Exception {
        MimeMessage original = simple("The original", "Original body text");
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("fwd@example.test"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject("Fwd: the original");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the attached message.", "utf-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setContent(original, "message/rfc822");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attached);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    static MimeMessage huge() throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("scanner@example.test"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject("Big scan");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("The scan is attached.", "utf-8");
        MimeBodyPart scan = new MimeBodyPart();
        scan.setDataHandler(new DataHandler(new ByteArrayDataSource(HUGE_ATTACHMENT, "application/octet-stream")));
        scan.setFileName("scan.bin");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(scan);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    static MimeMessage plainLatin1() throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("bernd@example.test", "Bernd Müller", "utf-8"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject("Grüße aus München", "iso-8859-1");
        m.setSentDate(new Date(System.currentTimeMillis() - 3_600_000L));
        m.setText("Schöne Grüße aus München!\nSiehe https://example.org/wiki.\n", "iso-8859-1");
        m.saveChanges();
        return m;
    }

    static MimeMessage htmlWithImagesAndAttachment() throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("ann@example.test", "Ann Example"));
        m.setRecipients(Message.RecipientType.TO, ADDRESS);
        m.setSubject("Quarterly newsletter");
        m.setSentDate(new Date());

        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello readers", "utf-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p onclick=\"alert(1)\">Hello <b>readers</b></p><script>alert(2)</script>"
                + "<img src=\"cid:logo@example.test\" alt=\"logo\"><img src=\"https://tracker.example/pixel.gif\"></body></html>",
                "text/html; charset=utf-8");
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(PNG, "image/png")));
        logo.setContentID("<logo@example.test>");
        logo.setDisposition("inline");
        logo.setFileName("logo.png");
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html);
        related.addBodyPart(logo);
        MimeBodyPart relatedPart = new MimeBodyPart();
        relatedPart.setContent(related);
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(relatedPart);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("Bericht Übersicht.pdf");
        pdf.setDisposition("attachment");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }
}
