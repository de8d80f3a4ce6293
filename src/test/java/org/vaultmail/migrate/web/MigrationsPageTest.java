package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vaultmail.auth.FormClient;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.Progress;
import org.vaultmail.testing.HttpCalls.Reply;

/** The settings page "Import mail from another account" and its job page, as plain forms with CSRF tokens. */
class MigrationsPageTest extends MigrationsTestSupport {

    static final String PW = InMemoryMigrationJobs.SOURCE_PASSWORD;
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @Autowired
    InMemoryMigrationJobs jobs;

    private FormClient browser(String[] me) {
        FormClient browser = new FormClient(http());
        assertThat(browser.signIn(me[0], me[2]).status()).isEqualTo(302);
        return browser;
    }

    private static Map<String, String> fields(String server, String login, String password, String... more) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("server", server);
        out.put("login", login);
        out.put("password", password);
        for (int i = 0; i < more.length; i += 2) out.put(more[i], more[i + 1]);
        return out;
    }

    @Test
    void thePageOffersOnlyAllowedServersAndWarnsAboutTheKeptPassword() {
        FormClient browser = browser(signedIn(jobs));

        Reply page = browser.get("/settings/import");

        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<select id=\"server\" name=\"server\"").contains("value=\"other-imap\"").contains("value=\"example.test\"");
        assertThat(html).doesNotContain("name=\"host\"").doesNotContain("name=\"port\"");
        assertThat(html).contains("G1").contains("G2").contains("until this import ends");
        assertThat(html).contains("id=\"confirmMirror\"").contains("id=\"dryRun\"").contains("id=\"skipTrashAndJunk\"");
        assertThat(html).contains("id=\"settings-link\""); // Import mail is a section of Settings
        assertThat(INLINE_SCRIPT.matcher(html).find()).as("no inline script").isFalse();
        assertThat(html).doesNotContain(" style=").doesNotContain(" onclick=");
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedButThePassword() {
        String[] me = signedIn(jobs);
        FormClient browser = browser(me);

        Reply refused = browser.submit("/settings/import", "/settings/import", fields("other-imap", "someone@other.test",
                "Wrong-Canary-77", "includeFolders", "INBOX\nArchive/*", "since", "2024-01-01", "dryRun", "true",
                "mode", "copy"));

        assertThat(refused.status()).isEqualTo(422);
        String html = refused.body();
        assertThat(html).contains("refused this login or password");
        assertThat(html).contains("value=\"someone@other.test\"").contains("Archive/*").contains("value=\"2024-01-01\"");
        assertThat(html).containsPattern("<option value=\"other-imap\" selected");
        assertThat(html).containsPattern("id=\"dryRun\"[^>]*checked");
        assertThat(html).doesNotContain("Wrong-Canary-77").doesNotContain(me[2]);

        Reply mirror = browser.submit("/settings/import", "/settings/import", fields("other-imap", "someone@other.test", PW,
                "mode", "mirror"));
        assertThat(mirror.status()).isEqualTo(422);
        assertThat(mirror.body()).contains("Mirror mode deletes").containsPattern("id=\"mode-mirror\"[^>]*checked")
                .doesNotContain(PW);

        Reply badDate = browser.submit("/settings/import", "/settings/import", fields("other-imap", "x", PW,
                "maxMessageMegabytes", "lots"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body()).contains("whole number of megabytes").contains("value=\"lots\"").doesNotContain(PW);
        assertThat(jobs.list(UserImports.requester(new org.vaultmail.auth.AuthenticatedSession(0, "", me[0], null, null), null), 10))
                .isEmpty();
    }

    @Test
    void aStartedImportRedirectsToItsPageWithAProgressBarButtonsAndFinallyTheReport() {
        String[] me = signedIn(jobs);
        FormClient browser = browser(me);

        Reply started = browser.submit("/settings/import", "/settings/import", fields("other-imap", "someone@other.test", PW,
                "mode", "mirror", "confirmMirror", "true", "skipTrashAndJunk", "true"));

        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String location = started.header("Location");
        assertThat(location).matches(".*/settings/import/[0-9a-f-]{36}$");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(jobs.jobs.get(id).options().skipTrashAndJunk()).isTrue();
        assertThat(jobs.jobs.get(id).options().mirrorConfirmed()).isTrue();
        jobs.advance(id, JobState.RUNNING, new Progress(1, 3, 40, 80, 4000, 8000, 40, 0, 1, 4000, 20.0, 2L), List.of());

        Reply page = browser.get("/settings/import/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Import queued").contains("<progress id=\"bar\" max=\"100\" value=\"50\"")
                .contains("hx-trigger=\"every 1s\"").contains("40 of 80").contains("1 of 3").contains("20.0 messages/s")
                .contains("id=\"pause\"").contains("id=\"cancel\"").doesNotContain(PW);
        assertThat(INLINE_SCRIPT.matcher(page.body()).find()).isFalse();

        Reply paused = browser.submitFrom(page, "/settings/import/" + id + "/pause", Map.of());
        assertThat(paused.status()).isEqualTo(302);
        assertThat(jobs.jobs.get(id).state()).isEqualTo(JobState.PAUSED);
        Reply pausedPage = browser.get("/settings/import/" + id);
        assertThat(pausedPage.body()).contains("id=\"resume\"").contains("Pausing");
        browser.submitFrom(pausedPage, "/settings/import/" + id + "/resume", Map.of());
        assertThat(jobs.jobs.get(id).state()).isEqualTo(JobState.QUEUED);

        jobs.advance(id, JobState.FINISHED, new Progress(3, 3, 80, 80, 8000, 8000, 79, 0, 1, 7900, null, 0L),
                List.of(new FolderReport("INBOX", "INBOX", 80, 79, 79, 0, 1, 0, 0, 0, 7900)));
        Reply fragment = browser.get("/settings/import/" + id + "/progress");
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<section id=\"progress-panel\"").doesNotContain("hx-trigger")
                .contains("id=\"report\"").contains("Finished").doesNotContain("id=\"pause\"");

        Reply list = browser.get("/settings/import");
        assertThat(list.body()).contains("data-job=\"" + id + "\"").contains("data-state=\"finished\"");
    }

    @Test
    void anotherUsersJobPageIsNotFoundAndItsButtonsDoNothing() {
        String[] owner = signedIn(jobs);
        FormClient ownerBrowser = browser(owner);
        String location = ownerBrowser.submit("/settings/import", "/settings/import", fields("other-imap", "a@other.test", PW))
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        FormClient other = browser(signedIn(jobs));

        assertThat(other.get("/settings/import/" + id).status()).isEqualTo(404);
        assertThat(other.get("/settings/import/" + id + "/progress").status()).isEqualTo(404);
        Reply form = other.get("/settings/import");
        assertThat(other.submitFrom(form, "/settings/import/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(jobs.jobs.get(id).state()).isEqualTo(JobState.QUEUED);
        assertThat(form.body()).doesNotContain(id);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        String[] me = signedIn(jobs);
        FormClient browser = browser(me);
        String location = browser.submit("/settings/import", "/settings/import", fields("other-imap", "a@other.test", PW))
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        int before = jobs.jobs.size();

        assertThat(http().form("/settings/import", fields("other-imap", "a@other.test", PW), "Cookie", browser.cookies()).status())
                .isEqualTo(403);
        for (String action : List.of("pause", "resume", "cancel")) {
            assertThat(http().form("/settings/import/" + id + "/" + action, Map.of(), "Cookie", browser.cookies()).status())
                    .as(action).isEqualTo(403);
        }
        assertThat(jobs.jobs.size()).isEqualTo(before);
        assertThat(jobs.jobs.get(id).state()).isEqualTo(JobState.QUEUED);
    }
}
