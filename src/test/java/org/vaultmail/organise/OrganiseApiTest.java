package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Store;
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
import org.vaultmail.testing.Await;

/**
 * The organising API end to end on GreenMail: move with undo, delete to Trash and for good, bulk actions on chosen
 * and on all matching messages, a background job with progress, folder management, problem+json errors.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganiseApiTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String PASSWORD = "Organise-Canary-51c0d2";
    static final String ADDRESS = "organiser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-organise-test-");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @LocalServerPort
    int port;

    HttpCalls http;
    String token;

    @BeforeAll
    void signIn() throws Exception {
        MAIL.createUser(ADDRESS, PASSWORD);
        try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
            for (String name : new String[] {"Trash", "Archive", "Junk"}) store.getFolder(name).create(Folder.HOLDS_MESSAGES);
        }
        http = new HttpCalls(port);
        token = ApiTestApp.signIn(http, ADDRESS, PASSWORD);
    }

    /** A new folder with {@code n} messages (subjects numbered by GreenMail's seeder). */
    String seeded(String prefix, int n) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        if (n > 0) {
            MAIL.seed(ADDRESS, name, n);
            return name;
        }
        try (Store store = MAIL.imap(ADDRESS, PASSWORD)) {
            assertThat(store.getFolder(name).create(Folder.HOLDS_MESSAGES)).isTrue();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    Reply call(String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + token);
    }

    Reply get(String path) {
        return http.get(path, "Authorization", "Bearer " + token);
    }

    static String enc(String folder) {
        return URLEncoder.encode(folder, StandardCharsets.UTF_8).replace("+", "%20");
    }

    List<Long> uids(String folder) {
        List<Long> uids = new ArrayList<>();
        for (JsonNode m : get("/api/v1/folders/" + enc(folder) + "/messages?limit=200&sort=arrival&order=asc").json().get("messages")) {
            uids.add(m.get("uid").asLong());
        }
        return uids;
    }

    int total(String folder) {
        return get("/api/v1/folders/" + enc(folder) + "/messages?limit=1").json().get("total").asInt();
    }

    @Test
    void moveReturnsTheNewUidAndUndoMovesTheMessageBack() {
        String from = seeded("from", 3);
        String to = seeded("to", 0);
        long uid = uids(from).get(1);
        Reply moved = call("POST", "/api/v1/folders/" + enc(from) + "/messages/" + uid + "/move", HttpCalls.json("to", to));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("count").asInt()).isEqualTo(1);
        assertThat(moved.json().get("to").asString()).isEqualTo(to);
        assertThat(uids(to)).containsExactly(moved.json().get("uid").asLong());
        assertThat(uids(from)).hasSize(2).doesNotContain(uid);

        Reply undone = call("POST", "/api/v1/undo/" + moved.json().get("undoToken").asString(), null);
        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.json().get("count").asInt()).isEqualTo(1);
        assertThat(total(from)).isEqualTo(3);
        assertThat(total(to)).isZero();
        assertThat(call("POST", "/api/v1/undo/" + moved.json().get("undoToken").asString(), null).status()).isEqualTo(404);
    }

    @Test
    void copyKeepsTheOriginal() {
        String from = seeded("copy", 1);
        String to = seeded("copy-to", 0);
        Reply copied = call("POST", "/api/v1/folders/" + enc(from) + "/messages/" + uids(from).getFirst() + "/move",
                HttpCalls.json("to", to, "copy", true));
        assertThat(copied.status()).isEqualTo(200);
        assertThat(copied.json().get("undoToken").isNull()).isTrue();
        assertThat(total(from)).isEqualTo(1);
        assertThat(total(to)).isEqualTo(1);
    }

    @Test
    void deleteGoesToTrashAndFromTrashForGood() {
        String folder = seeded("delete", 2);
        int inTrash = total("Trash");
        List<Long> uids = uids(folder);
        Reply deleted = call("DELETE", "/api/v1/folders/" + enc(folder) + "/messages/" + uids.get(0), null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("to").asString()).isEqualTo("Trash");
        assertThat(deleted.json().get("undoToken").asString()).isNotBlank();
        assertThat(total("Trash")).isEqualTo(inTrash + 1);

        Reply permanent = call("DELETE", "/api/v1/folders/" + enc(folder) + "/messages/" + uids.get(1) + "?permanent=true", null);
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.json().get("to").isNull()).isTrue();
        assertThat(permanent.json().get("undoToken").isNull()).isTrue();
        assertThat(total(folder)).isZero();
        assertThat(total("Trash")).isEqualTo(inTrash + 1);

        Reply missing = call("DELETE", "/api/v1/folders/" + enc(folder) + "/messages/" + uids.get(1), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void bulkActionsOnChosenUidsFlagArchiveAndJunk() {
        String folder = seeded("bulk", 4);
        List<Long> uids = uids(folder);
        assertThat(call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions", HttpCalls.json("action", "unseen", "all", true))
                .json().get("count").asInt()).isEqualTo(4);
        Reply seen = call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "seen", "uids", uids.subList(0, 2)));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("count").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/folders/" + enc(folder) + "/messages?q=is:unread").json().get("total").asInt()).isEqualTo(2);
        assertThat(call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "flag", "uids", List.of(uids.get(3)))).status()).isEqualTo(200);
        assertThat(get("/api/v1/folders/" + enc(folder) + "/messages?q=is:flagged").json().get("total").asInt()).isEqualTo(1);

        int archived = total("Archive");
        Reply archive = call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "archive", "uids", List.of(uids.get(0))));
        assertThat(archive.json().get("to").asString()).isEqualTo("Archive");
        assertThat(total("Archive")).isEqualTo(archived + 1);
        Reply junk = call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "junk", "uids", List.of(uids.get(1))));
        assertThat(junk.json().get("to").asString()).isEqualTo("Junk");
        assertThat(total(folder)).isEqualTo(2);
    }

    @Test
    void allMatchingInAFolderCoversMessagesNeverListed() {
        String folder = seeded("all", 60);
        String to = seeded("all-to", 0);
        Reply moved = call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "move", "all", true, "to", to));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("count").asInt()).isEqualTo(60);
        assertThat(total(folder)).isZero();
        assertThat(total(to)).isEqualTo(60);
    }

    @Test
    void aBigSelectionRunsAsAJobWithProgressAndCanBeUndone() throws InterruptedException {
        String folder = seeded("big", 1_234);
        String to = seeded("big-to", 0);
        Reply started = call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions",
                HttpCalls.json("action", "move", "all", true, "to", to));
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/v1/jobs/" + id);
        assertThat(started.json().get("total").asInt()).isEqualTo(1_234);
        JsonNode job = awaitJob(id);
        assertThat(job.get("state").asString()).isEqualTo("done");
        assertThat(job.get("done").asInt()).isEqualTo(1_234);
        assertThat(job.get("result").get("count").asInt()).isEqualTo(1_234);
        assertThat(total(to)).isEqualTo(1_234);
        assertThat(total(folder)).isZero();

        Reply undone = call("POST", "/api/v1/undo/" + job.get("result").get("undoToken").asString(), null);
        assertThat(undone.json().get("count").asInt()).isEqualTo(1_234);
        assertThat(total(folder)).isEqualTo(1_234);
    }

    JsonNode awaitJob(String id) {
        return Await.until("job " + id + " finished", Duration.ofMinutes(2), () -> {
            Reply job = get("/api/v1/jobs/" + id);
            assertThat(job.status()).isEqualTo(200);
            return job.json();
        }, job -> !job.get("state").asString().equals("running"));
    }

    @Test
    void foldersAreCreatedRenamedUnsubscribedAndDeleted() {
        String name = "Projects-" + UUID.randomUUID().toString().substring(0, 6);
        Reply created = call("POST", "/api/v1/folders", HttpCalls.json("path", name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("path").asString()).isEqualTo(name);
        assertThat(call("POST", "/api/v1/folders", HttpCalls.json("path", name)).status()).isEqualTo(409);

        String renamed = name + "-renamed";
        Reply rename = call("PATCH", "/api/v1/folders/" + enc(name), HttpCalls.json("path", renamed, "subscribed", false));
        assertThat(rename.status()).isEqualTo(200);
        assertThat(rename.json().get("path").asString()).isEqualTo(renamed);
        assertThat(get("/api/v1/folders").body()).contains("\"" + renamed + "\"").doesNotContain("\"" + name + "\"");

        assertThat(call("DELETE", "/api/v1/folders/" + enc(renamed), null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/folders/" + enc(renamed), null).status()).isEqualTo(404);
    }

    @Test
    void specialFoldersAreRefusedAndOnlyTrashAndJunkAreEmptied() {
        Reply inbox = call("DELETE", "/api/v1/folders/INBOX", null);
        assertThat(inbox.status()).isEqualTo(409);
        assertThat(inbox.header("Content-Type")).startsWith("application/problem+json");
        assertThat(call("PATCH", "/api/v1/folders/Trash", HttpCalls.json("path", "Bin")).status()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/folders/INBOX/empty", null).status()).isEqualTo(400);

        String folder = seeded("junky", 2);
        call("POST", "/api/v1/folders/" + enc(folder) + "/messages/actions", HttpCalls.json("action", "junk", "all", true));
        Reply emptied = call("POST", "/api/v1/folders/Junk/empty", null);
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.json().get("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(total("Junk")).isZero();
    }

    @Test
    void badInputIsABadRequestAndUnknownThingsAreNotFound() {
        String folder = seeded("bad", 1);
        String path = "/api/v1/folders/" + enc(folder) + "/messages/actions";
        assertThat(call("POST", path, HttpCalls.json("action", "explode", "uids", List.of(1))).status()).isEqualTo(400);
        assertThat(call("POST", path, HttpCalls.json("action", "move", "uids", List.of(1))).status()).isEqualTo(400);
        assertThat(call("POST", path, HttpCalls.json("action", "move", "uids", List.of(1), "to", folder)).status()).isEqualTo(400);
        assertThat(call("POST", path, HttpCalls.json("action", "seen")).status()).isEqualTo(400);
        assertThat(call("POST", path, HttpCalls.json("action", "seen", "uids", List.of(0))).status()).isEqualTo(400);
        assertThat(call("POST", path, HttpCalls.json("action", "move", "uids", List.of(1), "to", "No such")).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/folders/No%20such/messages/actions", HttpCalls.json("action", "seen", "all", true)).status())
                .isEqualTo(404);
        assertThat(call("POST", "/api/v1/folders", HttpCalls.json("path", "bad\r\nname")).status()).isEqualTo(400);
        assertThat(get("/api/v1/jobs/0123456789abcdef").status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/undo/nope", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/folders/" + enc(folder) + "/messages/999999/move", HttpCalls.json("to", "Archive")).status())
                .isEqualTo(404);
    }

    @Test
    void theApiNeedsASession() {
        assertThat(http.send("POST", "/api/v1/folders", HttpCalls.json("path", "x")).status()).isEqualTo(401);
    }
}
