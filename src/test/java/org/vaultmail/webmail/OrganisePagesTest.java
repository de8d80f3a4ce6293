package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mail UI's organise requests over real HTTP (ADR 0056): each answers with HTML (changed rows and counts out of
 * band, or the list afresh) and asks for toasts and undo with {@code HX-Trigger}; a refusal is a toast and no swap.
 */
class OrganisePagesTest extends WebmailTestSupport {

    private static final String PASSWORD = "organise-pages-pass";
    private static final Pattern ROW_UID = Pattern.compile("<li class=\"message-row[^\"]*\" data-uid=\"(\\d+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String address;
    private PageClient user;

    @BeforeEach
    void newUser() throws MessagingException {
        address = "orgp-" + UUID.randomUUID().toString().substring(0, 8) + "@demo.test";
        MAIL.createUser(address, PASSWORD);
        MAIL.seed(address, "INBOX", 4);
        try (Store store = MAIL.imap(address, PASSWORD)) {
            for (String name : List.of("Trash", "Target")) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(inbox.getMessages(), new Flags(Flags.Flag.SEEN), false);
            inbox.close(false);
        }
        user = PageClient.signedIn(port, address, PASSWORD);
    }

    @Test
    void markingRowsReadAnswersThoseRowsAndTheCountsOutOfBandAndSwapsNothingElse() {
        List<Long> uids = rowUids(user.get("/mail").body());
        Reply read = post("action", "seen", "uid", uids.get(0).toString(), "uid", uids.get(1).toString(), "keep", "true");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("HX-Reswap")).isEqualTo("none");
        String body = read.body();
        assertThat(body).contains("id=\"row-" + uids.get(0) + "\" hx-swap-oob=\"outerHTML\"", "id=\"row-" + uids.get(1) + "\"",
                "<nav id=\"folder-pane\" hx-swap-oob=\"innerHTML\">");
        assertThat(rowUids(body)).containsExactly(uids.get(0), uids.get(1));
        assertThat(body).doesNotContain("is-unread", "list-inner");
        assertThat(Pattern.compile("name=\"uid\" form=\"bulk-bar\" value=\"\\d+\"[^>]*checked").matcher(body).results().count())
                .as("the rows stay ticked").isEqualTo(2);
        assertThat(body).contains("data-unread-for=\"INBOX\"").containsPattern("data-unread-for=\"INBOX\"[^>]*><span class=\"sr-only\">[^<]*</span><span class=\"count\">2<");
        assertThat(event(read, HxTriggers.TOAST).get("message").asString()).isEqualTo("2 messages done");

        Reply unread = post("action", "unseen", "uid", uids.get(0).toString());
        assertThat(unread.body()).contains("class=\"message-row is-unread\" data-uid=\"" + uids.get(0) + "\"")
                .doesNotContainPattern("value=\"\\d+\"[^>]*checked");
    }

    @Test
    void theOpenMessagesButtonsComeBackWithTheStateAfterTheChange() {
        long uid = rowUids(user.get("/mail").body()).getFirst();
        Reply flagged = post("action", "flag", "uid", Long.toString(uid), "open", Long.toString(uid));
        assertThat(flagged.body()).contains("id=\"toggle-flag-form\"", "id=\"toggle-read-form\"")
                .containsPattern("id=\"toggle-flag\" name=\"action\" value=\"unflag\"")
                .containsPattern("id=\"toggle-read\" name=\"action\" value=\"seen\"")
                .contains("class=\"marker flagged\"");
        Reply other = post("action", "flag", "uid", Long.toString(uid), "open", Long.toString(uid + 1000));
        assertThat(other.body()).as("another message is open").doesNotContain("toggle-flag-form");
    }

    @Test
    void aMoveAnswersTheListAfreshAndItsUndoEventPutsTheMessageBack() {
        List<Long> uids = rowUids(user.get("/mail").body());
        Reply moved = post("action", "move", "uid", uids.getFirst().toString(), "to", "Target");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.header("HX-Reswap")).isNull();
        assertThat(moved.body()).contains("class=\"list-inner\"", "<nav id=\"folder-pane\" hx-swap-oob=\"innerHTML\">",
                "id=\"reading-pane\" hx-swap-oob=\"innerHTML\"");
        assertThat(rowUids(moved.body())).hasSize(3).doesNotContain(uids.getFirst());
        JsonNode undo = event(moved, HxTriggers.UNDO);
        assertThat(undo.get("message").asString()).isEqualTo("1 moved to Target");
        String href = undo.get("href").asString();
        assertThat(href).startsWith("/mail/INBOX/undo/");

        Reply undone = user.htmxForm(href, "/mail");
        assertThat(undone.status()).isEqualTo(200);
        assertThat(rowUids(undone.body())).hasSize(4);
        assertThat(event(undone, HxTriggers.TOAST).get("message").asString()).isEqualTo("Undone: the messages are back");
        Reply again = user.htmxForm(href, "/mail");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("HX-Reswap")).isEqualTo("none");
        assertThat(event(again, HxTriggers.TOAST).get("message").asString()).contains("nothing to undo");
    }

    @Test
    void aRefusalIsAToastInTheUsersLanguageAndNothingIsSwapped() {
        long uid = rowUids(user.get("/mail").body()).getFirst();
        Reply noDestination = post("action", "move", "uid", Long.toString(uid));
        assertThat(noDestination.status()).isEqualTo(422);
        assertThat(noDestination.header("HX-Reswap")).isEqualTo("none");
        assertThat(noDestination.header("Content-Type")).startsWith("text/html");
        assertThat(noDestination.body()).contains("role=\"alert\">Choose another folder to move or copy the messages to.</p>");
        assertThat(event(noDestination, HxTriggers.TOAST).get("message").asString())
                .isEqualTo("Choose another folder to move or copy the messages to.");

        Reply nothing = post("action", "seen");
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(event(nothing, HxTriggers.TOAST).get("message").asString()).isEqualTo("Select one or more messages first.");

        Reply noArchive = post("action", "archive", "uid", Long.toString(uid));
        assertThat(noArchive.status()).isEqualTo(404);
        assertThat(event(noArchive, HxTriggers.TOAST).get("message").asString()).startsWith("There is no Archive folder.");
        assertThat(rowUids(user.get("/mail").body())).as("nothing moved").hasSize(4);
    }

    @Test
    void toastsAreInTheBrowsersLanguageInAnAsciiHeader() {
        long uid = rowUids(user.get("/mail").body()).getFirst();
        Reply german = postIn("de", "action", "move", "uid", Long.toString(uid));
        String header = german.header("HX-Trigger");
        assertThat(header.chars().allMatch(c -> c < 128)).as("ASCII only: %s", header).isTrue();
        assertThat(event(german, HxTriggers.TOAST).get("message").asString())
                .isEqualTo("Wählen Sie einen anderen Ordner, in den die Nachrichten verschoben oder kopiert werden sollen.");
        Reply french = postIn("fr", "action", "seen", "uid", Long.toString(uid));
        assertThat(event(french, HxTriggers.TOAST).get("message").asString()).isEqualTo("1 messages traités");
    }

    @Test
    void emptyingTrashAnswersTheEmptyListAndCountsWhatWent() throws MessagingException {
        long uid = rowUids(user.get("/mail").body()).getFirst();
        post("action", "delete", "uid", Long.toString(uid));
        Reply emptied = user.htmxForm("/mail/Trash/empty", "/mail");
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.body()).contains("id=\"list-empty\"");
        assertThat(event(emptied, HxTriggers.TOAST).get("message").asString()).isEqualTo("1 messages done");
        try (Store store = MAIL.imap(address, PASSWORD)) {
            Folder trash = store.getFolder("Trash");
            trash.open(Folder.READ_ONLY);
            assertThat(trash.getMessageCount()).isZero();
            trash.close(false);
        }
    }

    private Reply post(String... fields) {
        return user.htmxForm("/mail/INBOX/actions", "/mail", fields);
    }

    private Reply postIn(String language, String... fields) {
        return user.htmxFormIn(language, "/mail/INBOX/actions", "/mail", fields);
    }

    private static JsonNode event(Reply reply, String name) {
        String header = reply.header("HX-Trigger");
        assertThat(header).as("HX-Trigger").isNotNull();
        JsonNode event = JSON.readTree(header).get(name);
        assertThat(event).as("event %s in %s", name, header).isNotNull();
        return event;
    }

    private static List<Long> rowUids(String html) {
        Matcher m = ROW_UID.matcher(html);
        return m.results().map(r -> Long.parseLong(r.group(1))).toList();
    }
}
