package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.Requester;
import org.vaultmail.testing.FakeMigrations;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The console's Migrations and Migration sources pages with a real operator sign-in (password and TOTP), over the
 * in-memory jobs service of {@link FakeMigrations}: the list, starting a job (both passwords never shown again, not even
 * on a refused form), the job page and its live fragment, pause, resume, cancel only after confirmation, sources; CSRF
 * and sign-in required.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(FakeMigrations.class)
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrationsConsoleTest extends ConsoleTestSupport {

    static final String OPERATOR_PASSWORD = "Migrations-Operator-Canary-41d7";
    static final String SOURCE_CANARY = "Console-Source-Pass-Canary-0b3f";
    static final String DESTINATION_CANARY = "Console-Dest-Pass-Canary-77c2";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-migrations-console-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
    }

    @Autowired
    FakeMigrations.Jobs jobs;
    @Autowired
    FakeMigrations.Sources sources;

    MigrationsConsoleTest() {
        super(OPERATOR_PASSWORD);
    }

    Operator operator(String name) {
        return signedIn(name, createOperator(name));
    }

    static Map<String, String> form(String sourceLogin, String sourcePassword) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("sourceServer", "green.test");
        f.put("sourceLogin", sourceLogin);
        f.put("sourcePassword", sourcePassword);
        f.put("destinationServer", "example.test");
        f.put("destinationLogin", "alice@example.test");
        f.put("destinationPassword", DESTINATION_CANARY);
        f.put("folders", "INBOX,Sent");
        f.put("mode", "copy");
        f.put("since", "2024-01-01");
        f.put("skipTrashJunk", "true");
        return f;
    }

    @Test
    void anOperatorStartsAJobSeesItListedAndItsPageButNeverAPassword(CapturedOutput logs) {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = operator(name);

        Reply empty = op.get("/admin/migrations");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"start-form\"").contains("<option value=\"green.test\"")
                .contains("id=\"nav-migrations\"").doesNotContain("style=\"");

        Reply posted = op.post("/admin/migrations", "/admin/migrations", form("bob@green.test", SOURCE_CANARY));
        assertThat(posted.status()).isEqualTo(302);
        String id = posted.header("Location").replaceFirst(".*/admin/migrations/", "");
        assertThat(jobs.passwordsSeen).contains(SOURCE_CANARY, DESTINATION_CANARY);
        assertThat(jobs.actors).contains("operator:" + name);
        var job = jobs.find(id, Requester.cli()).orElseThrow();
        assertThat(job.options().includeFolders()).containsExactly("INBOX", "Sent");
        assertThat(job.options().skipTrashAndJunk()).isTrue();
        assertThat(job.options().since()).hasToString("2024-01-01");

        Reply page = op.get("/admin/migrations/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("bob@green.test at green.test").contains("alice@example.test at example.test")
                .contains("data-state=\"queued\"").contains("hx-trigger=\"every 2s\"").contains("id=\"cancel\"");
        Reply list = op.get("/admin/migrations");
        assertThat(list.body()).contains("data-job=\"" + id + "\"").contains("operator:" + name)
                .contains("bob@green.test at green.test \u2192 alice@example.test at example.test");

        for (Reply r : op.http.seen()) {
            assertThat(r.body()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);
        }
        assertThat(logs.getAll()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);
    }

    @Test
    void aRefusedJobShowsTheFormAgainWithTheLoginsKeptAndNoPassword() {
        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));

        Reply refused = op.post("/admin/migrations", "/admin/migrations", form("carol@green.test", "wrong-" + SOURCE_CANARY));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"refused\"").contains("the source server refused the login carol@green.test")
                .contains("value=\"carol@green.test\"").doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);

        Map<String, String> mirror = form("carol@green.test", SOURCE_CANARY);
        mirror.put("mode", "mirror");
        Reply unconfirmed = op.post("/admin/migrations", "/admin/migrations", mirror);
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(unconfirmed.body()).contains("mirror mode deletes on the destination; it needs confirmation");
    }

    @Test
    void pauseResumeAndCancelOnlyAfterConfirmation() throws Exception {
        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));
        String id = op.post("/admin/migrations", "/admin/migrations", form("dan@green.test", SOURCE_CANARY))
                .header("Location").replaceFirst(".*/admin/migrations/", "");
        String page = "/admin/migrations/" + id;

        assertThat(op.postAndFollow(page, page + "/pause", Map.of()).body()).contains("data-state=\"paused\"").contains("id=\"resume\"");
        assertThat(op.postAndFollow(page, page + "/resume", Map.of()).body()).contains("data-state=\"queued\"");

        Reply ask = op.post(page, page + "/cancel", Map.of());
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body()).contains("id=\"confirm-cancel\"").contains("cannot be resumed");
        assertThat(jobs.find(id, Requester.cli()).orElseThrow().state()).isEqualTo(JobState.QUEUED);

        Reply cancelled = op.postAndFollow(page, page + "/cancel", Map.of("confirm", "yes"));
        assertThat(cancelled.body()).contains("data-state=\"cancelled\"").contains("the job&#39;s credentials are deleted")
                .doesNotContain("hx-trigger");
        assertThat(jobs.find(id, Requester.cli()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);

        Reply live = op.get(page + "/progress");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).startsWith("<section id=\"live\"").doesNotContain("hx-get").doesNotContain("<html");
        assertThat(op.get("/admin/migrations/mj_unknown").status()).isEqualTo(404);
    }

    @Test
    void theReportAndEachFailedMessageShowOnTheJobPage() throws Exception {
        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));
        String id = op.post("/admin/migrations", "/admin/migrations", form("failing@green.test", SOURCE_CANARY))
                .header("Location").replaceFirst(".*/admin/migrations/", "");
        jobs.runHere(id, Requester.cli(), v -> { });

        Reply page = op.get("/admin/migrations/" + id);
        assertThat(page.body()).contains("data-state=\"finished\"").contains("Archive/2024")
                .contains("the source server answered NO to FETCH").contains("The credentials are deleted.")
                .contains("data-kind=\"flags-not-settable\"")
                .contains("Flags the destination server does not allow, not set: $Phishing");
    }

    @Test
    void actionsNeedTheCsrfTokenAndPagesNeedASignedInOperator() {
        HttpCalls anonymous = new HttpCalls(port);
        Reply page = anonymous.get("/admin/migrations");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/admin/signin");
        assertThat(anonymous.get("/admin/migrations/sources").status()).isEqualTo(302);

        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));
        int before = jobs.passwordsSeen.size();
        Reply forged = op.keep(op.http.form("/admin/migrations", form("eve@green.test", SOURCE_CANARY), "Cookie", op.cookies()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(jobs.passwordsSeen).hasSize(before);
        Reply forgedSource = op.keep(op.http.form("/admin/migrations/sources",
                Map.of("name", "evil", "host", "evil.test", "port", "143", "security", "plain"), "Cookie", op.cookies()));
        assertThat(forgedSource.status()).isEqualTo(403);
        assertThat(sources.find("evil")).isEmpty();
    }

    @Test
    void sourcesAreAddedAndRemovedByTheSignedInOperator() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = operator(name);
        String source = "old-" + UUID.randomUUID().toString().substring(0, 4);

        Reply saved = op.postAndFollow("/admin/migrations/sources", "/admin/migrations/sources",
                Map.of("name", source, "host", "imap.old.test", "port", "993", "security", "tls", "trustStore", ""));
        assertThat(saved.body()).contains("Migration source " + source + " saved.").contains("data-source=\"" + source + "\"")
                .contains("imap.old.test");
        assertThat(sources.actors).contains("operator:" + name);
        assertThat(op.get("/admin/migrations").body()).contains("<option value=\"" + source + "\"");

        Reply badPort = op.post("/admin/migrations/sources", "/admin/migrations/sources",
                Map.of("name", "x", "host", "h", "port", "70000", "security", "tls"));
        assertThat(badPort.status()).isEqualTo(422);
        assertThat(badPort.body()).contains("The port is a number from 1 to 65535.").contains("value=\"h\"");

        Reply removed = op.postAndFollow("/admin/migrations/sources", "/admin/migrations/sources/" + source + "/remove", Map.of());
        assertThat(removed.body()).contains("Migration source " + source + " removed.").doesNotContain("data-source=\"" + source + "\"");
    }

    /** Bean Validation on the bound form: each field's refusal has its own text, and what was typed comes back. */
    @Test
    void aRefusedSourceFormNamesTheFieldAndKeepsWhatWasTyped() {
        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));
        Map<String, String> good = Map.of("name", "kept-name", "host", "imap.kept.test", "port", "993", "security", "tls",
                "trustStore", "");
        Map<String, String> refusals = Map.of(
                "name", "Give the source a name of at most 63 characters.",
                "host", "Give the host name (at most 253 characters).",
                "port", "The port is a number from 1 to 65535.",
                "security", "Security is tls, starttls or plain.",
                "trustStore", "The trust store path is at most 1,000 characters.");
        Map<String, String> bad = Map.of("name", " ", "host", "", "port", "abc", "security", "ssl", "trustStore", "/t".repeat(501));
        refusals.forEach((field, text) -> {
            Map<String, String> form = new java.util.HashMap<>(good);
            form.put(field, bad.get(field));
            Reply refused = op.post("/admin/migrations/sources", "/admin/migrations/sources", form);
            assertThat(refused.status()).as(field).isEqualTo(422);
            assertThat(refused.body()).as(field).contains(text);
            if (!field.equals("host")) assertThat(refused.body()).as(field).contains("value=\"imap.kept.test\"");
        });
        Reply typedPort = op.post("/admin/migrations/sources", "/admin/migrations/sources",
                Map.of("name", "p", "host", "h", "port", "abc", "security", "tls"));
        assertThat(typedPort.body()).contains("value=\"abc\"");
        Reply missing = op.post("/admin/migrations/sources", "/admin/migrations/sources", Map.of("host", "h"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("Give the source a name of at most 63 characters.");
        assertThat(sources.find("kept-name")).isEmpty();
    }

    /** The form's refusals (i18n.InputRefused) in the operator's language; the English stays as the CLI writes it. */
    @Test
    void aRefusedFormSaysWhyInTheOperatorsLanguage() {
        Operator op = operator("op-" + UUID.randomUUID().toString().substring(0, 6));
        Map<String, String> mirror = form("erin@green.test", SOURCE_CANARY);
        mirror.put("mode", "mirror");
        Reply german = op.post("/admin/migrations", "/admin/migrations", mirror, "Accept-Language", "de");
        assertThat(german.status()).isEqualTo(200);
        assertThat(german.body()).contains("id=\"refused\"").contains("Der Spiegelmodus löscht im Ziel; er muss bestätigt werden")
                .doesNotContain(SOURCE_CANARY);

        Map<String, String> badDate = form("erin@green.test", SOURCE_CANARY);
        badDate.put("since", "yesterday");
        Reply french = op.post("/admin/migrations", "/admin/migrations", badDate, "Accept-Language", "fr");
        assertThat(french.status()).isEqualTo(200);
        assertThat(french.body()).contains("Une date s’écrit AAAA-MM-JJ, pas « yesterday »");
        Reply english = op.post("/admin/migrations", "/admin/migrations", badDate, "Accept-Language", "en");
        assertThat(english.body()).contains("a date is YYYY-MM-DD, not &#39;yesterday&#39;");
    }
}
