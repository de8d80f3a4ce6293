package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composer's form posts over real HTTP (ADR 0057): saving answers the status line, the draft's UID and its files
 * out of band (and swaps nothing else); a refusal is a 4xx naming the field in the user's language, with no form field
 * in the answer; discarding answers {@code HX-Redirect}. The drafts are the same the JSON API reads.
 */
class ComposePagesTest extends WebmailTestSupport {

    private static final String PASSWORD = "compose-pages-pass";
    private static final Pattern UID = Pattern.compile("<input type=\"hidden\" id=\"compose-uid\" name=\"uid\" value=\"(\\d+)\" hx-swap-oob=\"true\">");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String address;
    private PageClient user;

    @BeforeEach
    void newUser() throws MessagingException {
        address = "compp-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.test";
        MAIL.createUser(address, PASSWORD);
        try (Store store = MAIL.imap(address, PASSWORD)) {
            for (String name : List.of("Drafts", "Sent")) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
        }
        user = PageClient.signedIn(port, address, PASSWORD);
    }

    @Test
    void savingAnswersTheStatusTheUidAndTheFilesOutOfBandAndTheDraftHoldsTheForm() {
        Reply saved = save("en", "to", "Bob <bob@demo.test>", "to", "carol@demo.test", "cc", "dave@demo.test", "subject", "Plans",
                "text", "Hello **Bob**");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.header("HX-Reswap")).isEqualTo("none");
        assertThat(saved.body()).contains("<span id=\"save-status\" class=\"save-status\" role=\"status\" aria-live=\"polite\" hx-swap-oob=\"true\">Saved <time")
                .containsPattern("<time class=\"date\" datetime=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\">\\d\\d:\\d\\d</time>")
                .contains("<ul id=\"compose-saved-files\" class=\"attachments-list\" hx-swap-oob=\"true\">")
                .contains("<p class=\"field-error\" id=\"error-to\" hx-swap-oob=\"true\" hidden=\"hidden\"></p>")
                .doesNotContain("id=\"compose-subject\"", "id=\"compose-text\"");
        long uid = uidOf(saved);
        JsonNode draft = draft(uid);
        assertThat(draft.get("letter").get("to").toString()).contains("Bob <bob@demo.test>", "carol@demo.test");
        assertThat(draft.get("letter").get("cc").toString()).contains("dave@demo.test");
        assertThat(draft.get("letter").get("subject").asString()).isEqualTo("Plans");
        assertThat(draft.get("letter").get("html").asString()).contains("<strong>Bob</strong>");

        Reply again = save("en", "uid", Long.toString(uid), "to", "carol@demo.test", "subject", "Plans, again", "text", "Hello");
        long next = uidOf(again);
        assertThat(next).isNotEqualTo(uid);
        assertThat(user.get("/api/v1/drafts/" + uid).status()).as("the old version is gone").isEqualTo(404);
        assertThat(draft(next).get("letter").get("subject").asString()).isEqualTo("Plans, again");
        assertThat(draft(next).get("messageId").asString()).as("one draft, versions keep the Message-ID")
                .isEqualTo(draft.get("messageId").asString());
    }

    @Test
    void theFilesOfTheSavedDraftAreKeptByIndexAndAListedWithTheirSizes() {
        Reply created = user.post("/api/v1/drafts", "/compose", HttpCalls.json("to", List.of("bob@demo.test"), "subject", "Files",
                "attachments", List.of(file("a.txt", "first"), file("b.txt", "second file"))));
        assertThat(created.status()).isEqualTo(201);
        long uid = JSON.readTree(created.body()).get("uid").asLong();

        Reply kept = save("de", "uid", Long.toString(uid), "to", "bob@demo.test", "subject", "Files", "keep", "1");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body()).contains("<li class=\"saved\" data-index=\"0\">", "<input type=\"hidden\" name=\"keep\" value=\"0\">",
                "<span class=\"file-name\">b.txt</span>", "<span class=\"file-size\">11 B</span>").doesNotContain("a.txt");
        long next = uidOf(kept);
        assertThat(draft(next).get("letter").get("attachments")).hasSize(1);

        Reply none = save("en", "uid", Long.toString(next), "to", "bob@demo.test", "subject", "Files");
        assertThat(none.body()).doesNotContain("<li class=\"saved\"");
        assertThat(draft(uidOf(none)).get("letter").get("attachments")).isEmpty();
    }

    @Test
    void attachingAFileAnswersAsASaveDoesAndKeepsTheFilesBefore() {
        long uid = uidOf(save("en", "to", "bob@demo.test", "subject", "Attach"));
        Reply first = user.htmxFile("/compose/draft/attachments", "/compose", "plan.bin", new byte[3000], "uid", Long.toString(uid));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("HX-Reswap")).isEqualTo("none");
        assertThat(first.body()).contains("hx-swap-oob=\"true\">Saved <time", "<span class=\"file-name\">plan.bin</span>",
                "<span class=\"file-size\">3 KB</span>");
        long next = uidOf(first);
        Reply second = user.htmxFile("/compose/draft/attachments", "/compose", "notes.txt", "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "uid", Long.toString(next));
        assertThat(second.body()).contains("data-index=\"0\"", "plan.bin", "data-index=\"1\"", "notes.txt");
        JsonNode files = draft(uidOf(second)).get("letter").get("attachments");
        assertThat(files).hasSize(2);
        assertThat(files.get(1).get("filename").asString()).isEqualTo("notes.txt");
    }

    @Test
    void aFileForADraftThatIsGoneIsRefusedUnderTheFilesAndAFileWithoutADraftToo() {
        long uid = uidOf(save("en", "to", "bob@demo.test", "subject", "Gone"));
        user.delete("/api/v1/drafts/" + uid, "/compose");
        Reply gone = user.htmxFile("/compose/draft/attachments", "/compose", "late.bin", new byte[10], "uid", Long.toString(uid));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("HX-Reswap")).isEqualTo("none");
        Reply none = user.htmxFile("/compose/draft/attachments", "/compose", "late.bin", new byte[10]);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("<p id=\"compose-error\" class=\"notice problem\" role=\"alert\" hx-swap-oob=\"true\">");
    }

    @Test
    void inGermanTheStatusIsGermanAndARefusalNamesItsFieldWithTheApisTextAndReplacesNoField() {
        Reply saved = save("de", "to", "bob@demo.test", "subject", "Hallo");
        assertThat(saved.body()).contains("hx-swap-oob=\"true\">Gespeichert <time");

        Reply refused = save("de", "from", "mallory@elsewhere.test", "to", "bob@demo.test", "subject", "Hallo");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("HX-Reswap")).isEqualTo("none");
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body())
                .contains("<p class=\"field-error\" id=\"error-from\" hx-swap-oob=\"true\">Sie können nicht als mallory@elsewhere.test senden</p>")
                .contains("<span id=\"save-status\" class=\"save-status is-problem\" role=\"status\" aria-live=\"polite\" hx-swap-oob=\"true\">Nicht gespeichert</span>")
                .contains("<p class=\"field-error\" id=\"error-to\" hx-swap-oob=\"true\" hidden=\"hidden\"></p>")
                .doesNotContain("id=\"compose-uid\"", "id=\"compose-subject\"", "id=\"compose-text\"", "compose-saved-files");
        Reply api = user.post("/api/v1/drafts", "/compose", HttpCalls.json("from", "mallory@elsewhere.test", "to", List.of("bob@demo.test")),
                "Accept-Language", "de");
        assertThat(JSON.readTree(api.body()).get("detail").asString()).as("the same text as the JSON API's")
                .isEqualTo("Sie können nicht als mallory@elsewhere.test senden");
    }

    @Test
    void aRefusalWithoutASlotOfItsOwnGoesAboveTheForm() {
        Reply refused = save("en", "to", "bob@demo.test", "inReplyTo", "not a message id");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).containsPattern("<p id=\"compose-error\" class=\"notice problem\" role=\"alert\" hx-swap-oob=\"true\">"
                + "The message was not sent: [^<]+</p>");
    }

    @Test
    void aDraftDeletedElsewhereIsSavedAsANewOne() {
        long uid = uidOf(save("en", "to", "bob@demo.test", "subject", "Orphan"));
        assertThat(user.delete("/api/v1/drafts/" + uid, "/compose").status()).isEqualTo(204);
        Reply saved = save("en", "uid", Long.toString(uid), "to", "bob@demo.test", "subject", "Orphan, again");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(draft(uidOf(saved)).get("letter").get("subject").asString()).isEqualTo("Orphan, again");
    }

    @Test
    void discardingDeletesTheDraftAndRedirectsToTheMailEvenWhenItWasGone() {
        long uid = uidOf(save("en", "to", "bob@demo.test", "subject", "Never mind"));
        Reply discarded = user.htmxForm("/compose/discard", "/compose", "uid", Long.toString(uid));
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.header("HX-Redirect")).isEqualTo("/mail");
        assertThat(user.get("/api/v1/drafts/" + uid).status()).isEqualTo(404);
        Reply again = user.htmxForm("/compose/discard", "/compose", "uid", Long.toString(uid));
        assertThat(again.header("HX-Redirect")).isEqualTo("/mail");
    }

    @Test
    void sendingAnswersARedirectToTheMailAndARepeatWithTheSameTokenDoesNotSendTwice() throws Exception {
        String to = "comprcpt-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.test";
        MAIL.createUser(to, PASSWORD);
        String subject = "Sent once " + UUID.randomUUID();
        long uid = uidOf(save("en", "to", to, "subject", subject, "text", "Hello"));
        String token = UUID.randomUUID().toString();
        Reply sent = user.htmxForm("/compose/send", "/compose", "uid", Long.toString(uid), "token", token);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.header("HX-Redirect")).isEqualTo("/mail?sent=1");
        Reply again = user.htmxForm("/compose/send", "/compose", "uid", Long.toString(uid), "token", token);
        assertThat(again.status()).as("the draft went with the send").isEqualTo(404);
        assertThat(again.header("HX-Redirect")).isNull();
        assertThat(user.get("/api/v1/drafts/" + uid).status()).isEqualTo(404);
        try (Store store = MAIL.imap(to, PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.search(new jakarta.mail.search.SubjectTerm(subject))).hasSize(1);
            inbox.close(false);
        }
        assertThat(user.get("/compose").body()).as("each page render has its own token")
                .containsPattern("<input type=\"hidden\" id=\"compose-token\" name=\"token\" value=\"[0-9a-f-]{36}\">").doesNotContain(token);
    }

    @Test
    void undoCancelsTheWaitingSendWhichAnswersTheCancellationAboveTheFormAndTheDraftStays() throws Exception {
        long uid = uidOf(save("en", "to", "bob@demo.test", "subject", "Not yet"));
        java.util.concurrent.CompletableFuture<Reply> sending = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> user.htmxForm("/compose/send", "/compose", "uid", Long.toString(uid), "token", UUID.randomUUID().toString()));
        Thread.sleep(1500); // the send waits out its undo delay (5 s)
        Reply undone = user.htmxForm("/compose/undo", "/compose", "uid", Long.toString(uid));
        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.header("HX-Reswap")).isEqualTo("none");
        Reply cancelled = sending.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.header("HX-Redirect")).isNull();
        assertThat(cancelled.body()).contains("<p id=\"compose-error\" class=\"notice problem\" role=\"alert\" hx-swap-oob=\"true\">"
                + "Sending was cancelled; the message is still in Drafts</p>").doesNotContain("save-status", "compose-subject");
        assertThat(user.get("/api/v1/drafts/" + uid).status()).as("the draft stays").isEqualTo(200);
        Reply late = user.htmxForm("/compose/undo", "/compose", "uid", Long.toString(uid));
        assertThat(late.status()).as("nothing waiting any more").isEqualTo(409);
    }

    @Test
    void theFormPostsNeedThePagesCsrfToken() {
        Reply forged = new HttpCalls(port).form("/compose/draft", List.of("to", "bob@demo.test"), "HX-Request", "true",
                "Cookie", user.cookies());
        assertThat(forged.status()).isEqualTo(403);
    }

    private Reply save(String language, String... fields) {
        return user.htmxFormIn(language, "/compose/draft", "/compose", fields);
    }

    private static long uidOf(Reply saved) {
        Matcher m = UID.matcher(saved.body());
        assertThat(m.find()).as("the draft's UID out of band in %s", saved.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private JsonNode draft(long uid) {
        Reply r = user.get("/api/v1/drafts/" + uid);
        assertThat(r.status()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static java.util.Map<String, String> file(String name, String content) {
        return java.util.Map.of("filename", name, "contentType", "text/plain",
                "contentBase64", java.util.Base64.getEncoder().encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

}
