package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.Progress;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/**
 * A real Chromium on the import page with the jobs service faked (the real engine's run is {@code ImportDovecotE2eTest}):
 * a refused form keeps what was typed, a started job's page polls its progress panel (htmx, strict CSP) until the
 * report shows, and pause/resume work as buttons.
 */
@Tag("e2e")
class ImportPageE2eTest extends MigrationsTestSupport {

    static final String PW = InMemoryMigrationJobs.SOURCE_PASSWORD;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Autowired
    InMemoryMigrationJobs jobs;

    @Test
    void importWatchTheBarToTheEndAndSeeTheReport() throws Exception {
        String[] me = signedIn(jobs);
        WebDriver page = browser.browser().open("http://localhost:" + port + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(me[0]);
        page.findElement(By.id("password")).sendKeys(me[2]);
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link").click(); // the top bar leads to Settings, which lists Import mail
        wait(page, "import-link").click();
        wait(page, "import");
        assertThat(page.findElement(By.id("at-rest")).getText()).contains("G1").contains("G2");

        new Select(page.findElement(By.id("server"))).selectByValue("other-imap");
        page.findElement(By.id("login")).sendKeys("someone@other.test");
        page.findElement(By.id("password")).sendKeys("Wrong-E2e-Canary");
        page.findElement(By.id("excludeFolders")).sendKeys("Spam");
        page.findElement(By.id("start")).click();
        assertThat(message(page, "")).contains("refused");
        assertThat(page.findElement(By.id("login")).getAttribute("value")).isEqualTo("someone@other.test");
        assertThat(page.findElement(By.id("excludeFolders")).getAttribute("value")).isEqualTo("Spam");
        assertThat(new Select(page.findElement(By.id("server"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("other-imap");
        assertThat(page.findElement(By.id("password")).getAttribute("value")).isEmpty();

        page.findElement(By.id("password")).sendKeys(PW);
        page.findElement(By.id("start")).click();
        wait(page, "progress-panel");
        String url = page.getCurrentUrl();
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(jobs.jobs.get(id).options().excludeFolders()).containsExactly("Spam");

        // the runner, as the real one would: progress about every half second, then the end
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                for (int done = 0; done <= 100; done += 20) {
                    Thread.sleep(500); // a job that takes time: the page shows each step of progress
                    jobs.advance(id, JobState.RUNNING, new Progress(done / 50, 2, done, 100, done * 1000L, 100_000, done, 0, 0,
                            done * 1000L, 40.0, (100 - done) / 40L), List.of());
                }
                Thread.sleep(500); // the last step shows before the job ends
                jobs.advance(id, JobState.FINISHED, new Progress(2, 2, 100, 100, 100_000, 100_000, 100, 0, 0, 100_000, null, 0L),
                        List.of(new FolderReport("INBOX", "INBOX", 60, 60, 60, 0, 0, 0, 0, 0, 60_000),
                                new FolderReport("Archive", "Archive", 40, 40, 40, 0, 0, 0, 0, 0, 40_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> text(d, "messages-done").matches("[1-9]\\d* of 100"));
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> text(d, "state").equals("Finished"));
        runner.join();
        assertThat(page.findElement(By.id("bar")).getAttribute("value")).isEqualTo("100");
        assertThat(page.findElements(By.cssSelector("#report tr.folder"))).hasSize(2);
        assertThat(page.findElements(By.id("pause"))).isEmpty();
        browser.browser().screenshot("import-finished");
        assertThat(page.getPageSource()).doesNotContain(PW).doesNotContain(me[2]);
        assertThat(browser.browser().console()).noneMatch(l -> l.contains("Content Security Policy") || l.contains("Refused to"));
    }

    private static String text(WebDriver d, String id) {
        try {
            return d.findElement(By.id(id)).getText();
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return "";
        }
    }

    private static String message(WebDriver page, String before) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> {
            String t = text(d, "message");
            return t.isEmpty() || t.equals(before) ? null : t;
        });
    }

    private static WebElement wait(WebDriver page, String id) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
