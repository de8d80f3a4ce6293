package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The mail pages over real HTTP (Tomcat, Spring Security, Thymeleaf) against GreenMail with the demo mail:
 * whole page on a direct load and only the pane for htmx, the frame's own headers, friendly problems, and
 * opening a message marks it read.
 */
class WebmailPagesTest extends WebmailTestSupport {

    private static final Pattern NAV_FOLDER = Pattern.compile("class=\"folder-link\"[^>]*data-folder=\"([^\"]+)\"");
    private static final Pattern ROW_UID = Pattern.compile("<li class=\"message-row[^\"]*\" data-uid=\"(\\d+)\"");

    PageClient alice;

    @BeforeEach
    void signIn() {
        alice = PageClient.signedIn(port, ALICE, ALICE_PASSWORD);
    }

    @Test
    void signedInTheFrontPageGoesToTheMailboxAndMailIsTheInbox() {
        Reply home = alice.get("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/mail");

        Reply page = alice.get("/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "id=\"folder-pane\"", "id=\"list-pane\"", "id=\"reading-pane\"",
                "data-folder=\"INBOX\"", "<title>(");
        assertThat(rowUids(page.body())).hasSize(MailPages.PAGE_SIZE);
    }

    @Test
    void theTopBarLeadsToOneSettingsPageWhoseSectionsAllOpen() {
        String mail = alice.get("/mail").body();
        assertThat(mail).contains("id=\"settings-link\"").doesNotContain("id=\"security-link\"", "id=\"smtp-link\"");

        Reply settings = alice.get("/settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body()).contains("id=\"settings-profile\"", "id=\"settings-security\"", "id=\"settings-smtp\"",
                "id=\"settings-folders\"", "id=\"settings-import\"", "id=\"settings-api\"", "id=\"settings-remote-content\"");
        Matcher links = Pattern.compile("<a id=\"[a-z-]+-link\" href=\"(/settings/[^\"]+)\"").matcher(settings.body());
        List<String> targets = new ArrayList<>();
        while (links.find()) targets.add(links.group(1));
        assertThat(targets).contains("/settings/identities", "/settings/security", "/settings/security/passkeys",
                "/settings/sessions", "/settings/smtp", "/settings/folders", "/settings/import", "/settings/api/mailboxes");
        for (String target : targets) assertThat(alice.get(target).status()).as(target).isEqualTo(200);
        assertThat(new PageClient(port).get("/settings").status()).as("signed out").isEqualTo(302);
    }

    @Test
    void thePasskeysPageAndItsScriptTextsAreInTheLanguageTheBrowserAsksFor() {
        Reply german = alice.get("/settings/security/passkeys", "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(200);
        assertThat(german.body()).contains("<h1>Passkeys</h1>", "Sie haben noch keine Passkeys.", ">Passkey hinzufügen</button>",
                "data-not-allowed=\"Die Passkey-Anfrage wurde abgebrochen", "data-failed=\"Die Passkey-Anfrage ist fehlgeschlagen.");
        Reply french = alice.get("/settings/security/passkeys", "Accept-Language", "fr");
        assertThat(french.body()).contains("<h1>Clés d’accès</h1>", "Vous n’avez pas encore de clé d’accès.");
        Reply english = alice.get("/settings/security/passkeys");
        assertThat(english.body()).contains("You have no passkeys yet.", ">Add a passkey</button>",
                "data-not-allowed=\"The passkey request was cancelled, timed out, or your authenticator could not verify you.");
    }

    @Test
    void signedOutTheFrontPageStillDescribesTheInstance() {
        Reply home = new PageClient(port).get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"status\"", "id=\"signin-link\"");
    }

    @Test
    void anHtmxRequestForTheListGetsOnlyTheListPaneAndEmptiesTheReadingPane() {
        Reply pane = alice.htmx("/mail/Archive", "list-pane");
        assertThat(pane.status()).isEqualTo(200);
        assertThat(pane.body()).doesNotContain("<html", "id=\"folder-pane\"").contains("class=\"list-inner\"",
                "data-folder=\"Archive\"", "hx-swap-oob=\"innerHTML\"", "id=\"reading-empty\"");
        assertThat(rowUids(pane.body())).hasSize(12);
        assertThat(pane.header("Vary")).contains("HX-Request");

        Reply full = alice.get("/mail/Archive");
        assertThat(full.body()).contains("<html", "id=\"folder-pane\"").doesNotContain("hx-swap-oob");
    }

    @Test
    void foldersListTheRolesFirstThenTheOthersWithSubFoldersNested() {
        String page = alice.get("/mail").body();
        List<String> order = new ArrayList<>();
        Matcher m = NAV_FOLDER.matcher(page);
        while (m.find()) order.add(m.group(1));
        assertThat(order).containsSubsequence("INBOX", "Drafts", "Sent", "Archive", "Projects");
        String child = order.get(order.indexOf("Projects") + 1);
        assertThat(child).matches("Projects[./]Vaultmail"); // GreenMail's delimiter is '.'; Dovecot's may be '/'
        assertThat(page).contains("data-unread-for=\"INBOX\"");
        // the sub-folder sits in its parent's nested list
        assertThat(page.indexOf("class=\"folder-children\"")).isBetween(page.indexOf("data-folder=\"Projects\""),
                page.indexOf("data-folder=\"" + child + "\""));
        // a folder path is one URL-encoded path segment
        String segment = org.vaultmail.reading.MessageLinks.segment(child);
        assertThat(page).contains("href=\"/mail/" + segment + "\"");
        assertThat(alice.get("/mail/" + segment).status()).isEqualTo(200);
    }

    @Test
    void anEmptyFolderSaysSoInsteadOfAnEmptyList() {
        String address = "empty-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@demo.test";
        MAIL.createUser(address, "empty-pw");
        Reply page = PageClient.signedIn(port, address, "empty-pw").get("/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"list-empty\"", "No messages in Inbox").doesNotContain("id=\"message-list\"",
                "id=\"load-more\"");
    }

    @Test
    void anUnknownFolderIsAFriendlyPageWith404AndARetryNeverAStackTrace() {
        Reply page = alice.get("/mail/No%20such%20folder");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<html", "id=\"folder-pane\"", "id=\"problem\"", "There is no folder",
                "No such folder", "id=\"retry\"").doesNotContain("Exception", "at org.", "MailStore");

        Reply pane = alice.htmx("/mail/No%20such%20folder", "list-pane");
        assertThat(pane.status()).isEqualTo(404);
        assertThat(pane.body()).doesNotContain("<html").contains("id=\"problem\"", "hx-target=\"#list-pane\"");
    }

    @Test
    void anythingElseThatFailsIsAFriendlyErrorPageNeverAStackTraceOrAWhitePage() {
        Reply bad = alice.get("/mail/INBOX/not-a-number", "Accept", "text/html");
        assertThat(bad.status()).isEqualTo(404);
        assertThat(bad.body()).contains("<html", "This message is gone", "id=\"folder-pane\"").doesNotContain("Exception");
        // what reaches Spring Boot's error page (a failure no handler took) is our page, styled, without details
        Reply error = alice.get("/error", "Accept", "text/html");
        assertThat(error.body()).contains("id=\"error-title\"", "Something went wrong", "/css/app.css")
                .doesNotContain("Exception", "Whitelabel", "at org.");
    }

    @Test
    void aMessageThatIsGoneIsAFriendlyProblemInTheReadingPane() {
        Reply pane = alice.htmx("/mail/INBOX/999999", "reading-pane");
        assertThat(pane.status()).isEqualTo(404);
        assertThat(pane.body()).contains("This message is gone", "hx-target=\"#reading-pane\"").doesNotContain("<html");
    }

    @Test
    void openingAnUnreadMessageRendersItThenMarksItRead() {
        JsonNode unread = null;
        for (JsonNode m : inbox()) {
            if (!flags(m).contains("seen")) {
                unread = m;
                break;
            }
        }
        assertThat(unread).as("an unread message in alice's INBOX").isNotNull();
        long uid = unread.get("uid").asLong();

        Reply pane = alice.htmx("/mail/INBOX/" + uid, "reading-pane");
        assertThat(pane.status()).isEqualTo(200);
        assertThat(pane.body()).doesNotContain("<html").contains("id=\"message\"", "data-was-unread=\"true\"",
                "src=\"/mail/INBOX/" + uid + "/frame\"", "sandbox=\"allow-same-origin allow-popups allow-popups-to-escape-sandbox\"",
                "referrerpolicy=\"no-referrer\"");
        assertThat(flags(alice.get("/api/v1/folders/INBOX/messages/" + uid).json())).contains("seen");
    }

    @Test
    void aDirectLoadOfAMessageRendersAllThreePanesWithTheMessageOpen() {
        long uid = find("Issue #").get("uid").asLong();
        Reply page = alice.get("/mail/INBOX/" + uid);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "id=\"folder-pane\"", "id=\"message\"", "id=\"message-frame\"",
                "aria-current=\"true\"");
    }

    @Test
    void theFrameIsServedWithItsOwnStrictHeadersAndNoScript() {
        long uid = find("Issue #").get("uid").asLong();
        alice.htmx("/mail/INBOX/" + uid, "reading-pane");
        Reply frame = alice.get("/mail/INBOX/" + uid + "/frame");
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.header("Content-Security-Policy")).isEqualTo(MessageFrameController.FRAME_CSP);
        assertThat(frame.headers("Content-Security-Policy")).hasSize(1);
        assertThat(frame.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(frame.headers("X-Frame-Options")).hasSize(1);
        assertThat(frame.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(frame.body()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<base");
        // cid images come from the message's own parts, remote ones are blocked until asked for
        assertThat(frame.body()).contains("src=\"/api/v1/folders/INBOX/messages/" + uid + "/attachments/")
                .doesNotContain("example.com/newsletter");

        // the pages around it keep the global policy: no framing at all
        Reply page = alice.get("/mail");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'");
    }

    @Test
    void showImagesSendsRemoteImagesThroughTheProxy() {
        long uid = find("Issue #").get("uid").asLong();
        Reply blocked = alice.htmx("/mail/INBOX/" + uid, "reading-pane");
        assertThat(blocked.body()).contains("id=\"show-images\"", "id=\"trust-sender\"");

        Reply shown = alice.htmx("/mail/INBOX/" + uid + "?remote=true", "reading-pane");
        assertThat(shown.body()).doesNotContain("id=\"show-images\"").contains("/frame?remote=true");
        Reply frame = alice.get("/mail/INBOX/" + uid + "/frame?remote=true");
        assertThat(frame.body()).containsPattern("src=\"/remote\\?url(=|&#61;)https%3A%2F%2Fexample\\.com%2Fnewsletter");
    }

    @Test
    void alwaysShowImagesFromASenderIsRememberedAndShowsThem() {
        JsonNode newsletter = find("Issue #");
        long uid = newsletter.get("uid").asLong();
        String sender = newsletter.get("from").get("address").asString();
        try {
            Reply pane = alice.post("/mail/INBOX/" + uid + "/trust-sender", "/mail", null, "HX-Request", "true",
                    "HX-Target", "reading-pane");
            assertThat(pane.status()).isEqualTo(200);
            assertThat(pane.body()).contains("/frame?remote=true").doesNotContain("id=\"show-images\"");
            assertThat(alice.get("/api/v1/settings/remote-content/senders").body()).contains(sender);
        } finally {
            alice.delete("/api/v1/settings/remote-content/senders/" + sender, "/mail");
        }
    }

    @Test
    void aPlainMessageIsEscapedTextWithLinksInTheFrame() {
        long uid = find("Re: ").get("uid").asLong();
        Reply frame = alice.get("/mail/INBOX/" + uid + "/frame");
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.body()).contains("<body class=\"plain\">");
    }

    @Test
    void attachmentsAreListedWithTypeSizeAndADownloadLink() {
        long uid = find("Invoice ").get("uid").asLong();
        Reply pane = alice.htmx("/mail/INBOX/" + uid, "reading-pane");
        assertThat(pane.body()).containsPattern(">\\d+(\\.\\d)? (B|KB|MB)<").contains("id=\"attachments\"", "application/pdf",
                "href=\"/api/v1/folders/INBOX/messages/" + uid + "/attachments/2\"");
        Reply download = alice.get("/api/v1/folders/INBOX/messages/" + uid + "/attachments/2");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).startsWith("%PDF");
    }

    @Test
    void loadMoreReturnsTheNextRowsAndTheNextLoadMore() {
        Reply rows = alice.get("/mail/INBOX/rows?offset=50", "HX-Request", "true", "HX-Target", "load-more");
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body()).doesNotContain("<html", "list-inner");
        assertThat(rowUids(rows.body())).hasSize(MailPages.PAGE_SIZE).doesNotContainAnyElementsOf(rowUids(alice.get("/mail").body()));
        assertThat(rows.body()).contains("id=\"load-more\"", "/mail/INBOX/rows?offset=100");
    }

    @Test
    void sortingBySubjectListsWhatTheApiListsInTheSameOrderAndKeepsTheOrderInLinks() {
        Reply pane = alice.htmx("/mail/INBOX?sort=subject&order=asc", "list-pane");
        List<Long> api = new ArrayList<>();
        for (JsonNode m : alice.get("/api/v1/folders/INBOX/messages?sort=subject&order=asc&limit=50").json().get("messages")) {
            api.add(m.get("uid").asLong());
        }
        assertThat(rowUids(pane.body())).isEqualTo(api);
        assertThat(pane.body()).contains("?sort=subject&amp;order=asc", "<option value=\"subject\" selected");
    }

    @Test
    void staticAssetsAndHtmxFromTheWebJarAreServedWithoutSigningIn() {
        PageClient anonymous = new PageClient(port);
        Reply htmx = anonymous.get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(anonymous.get("/css/app.css").status()).isEqualTo(200);
        assertThat(anonymous.get("/js/theme-early.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/js/app/main.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/js/lib/http.js").status()).isEqualTo(200);
    }

    @Test
    void pagesCarryNoInlineScriptStyleOrEventHandler() {
        long uid = find("Issue #").get("uid").asLong();
        for (String path : List.of("/mail", "/mail/INBOX/" + uid, "/settings/sessions", "/settings/smtp", "/settings/security")) {
            String html = alice.get(path).body();
            assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
                    .doesNotContainPattern("\\sstyle=\"").doesNotContainPattern("\\son[a-z]+=\"")
                    .doesNotContain("<style").contains("<meta name=\"csrf-token\"", "htmx.min.js", "/css/app.css");
        }
        for (String path : List.of("/signin", "/")) {
            String html = new PageClient(port).get(path).body();
            assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>").doesNotContainPattern("\\sstyle=\"");
        }
    }

    @Test
    void aSearchListsOnlyTheMatchingMessagesAndKeepsTheQueryInLinks() {
        Reply pane = alice.htmx("/mail/INBOX?q=subject%3AInvoice", "list-pane");
        assertThat(pane.status()).isEqualTo(200);
        assertThat(pane.body()).contains("id=\"search-summary\"", "q=subject%3AInvoice");
        assertThat(rowUids(pane.body())).isNotEmpty();
        List<String> subjects = new ArrayList<>();
        Matcher m = Pattern.compile("<span class=\"subject\">([^<]*)<").matcher(pane.body());
        while (m.find()) subjects.add(m.group(1));
        assertThat(subjects).isNotEmpty().allMatch(s -> s.contains("Invoice"));
    }

    @Test
    void aSearchOfAllFoldersLabelsEachRowWithItsFolderAndLinksIntoIt() {
        Reply pane = alice.htmx("/mail/INBOX?q=the&scope=all", "list-pane");
        assertThat(pane.status()).isEqualTo(200);
        assertThat(pane.body()).contains("id=\"search-summary\"", "in all folders", "scope=all", "id=\"scope-all\" name=\"scope\"");
        Matcher chips = Pattern.compile("<span class=\"folder-chip\">([^<]*)<").matcher(pane.body());
        java.util.Set<String> folders = new java.util.HashSet<>();
        while (chips.find()) folders.add(chips.group(1));
        assertThat(folders).as("hits from more than one folder").hasSizeGreaterThan(1);
        Matcher links = Pattern.compile("class=\"row-link\" href=\"(/mail/[^\"]+)\"").matcher(pane.body());
        assertThat(links.find()).isTrue();
        assertThat(links.group(1)).contains("scope=all");
        assertThat(alice.get(links.group(1).replace("&amp;", "&")).status()).isEqualTo(200);
    }

    private JsonNode find(String subjectPart) {
        for (JsonNode m : inbox()) {
            if (m.get("subject").asString().contains(subjectPart)) return m;
        }
        throw new AssertionError("No message with '" + subjectPart + "' in alice's INBOX");
    }

    private List<JsonNode> inbox() {
        List<JsonNode> all = new ArrayList<>();
        alice.get("/api/v1/folders/INBOX/messages?limit=200").json().get("messages").forEach(all::add);
        return all;
    }

    private static List<String> flags(JsonNode message) {
        List<String> flags = new ArrayList<>();
        message.get("flags").forEach(f -> flags.add(f.asString()));
        return flags;
    }

    static List<Long> rowUids(String html) {
        List<Long> uids = new ArrayList<>();
        Matcher m = ROW_UID.matcher(html);
        while (m.find()) uids.add(Long.parseLong(m.group(1)));
        return uids;
    }
}
