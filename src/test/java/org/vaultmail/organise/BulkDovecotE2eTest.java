package org.vaultmail.organise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.organise.BigMailbox.BIG;
import static org.vaultmail.organise.BigMailbox.BIG_PASSWORD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.Await;

/**
 * A bulk move of 10,000 messages in Chromium against the real Dovecot: sign in as {@code big}, open a folder of
 * big's own seeded with one COPY from big's INBOX (which is only EXAMINEd, never changed), "select all in this
 * folder", move to another folder, watch the progress bar, and check the counts over IMAP. Folders deleted after.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkDovecotE2eTest {

    static final int N = 10_000;
    static final String FROM = "BulkE2e-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TO = FROM + "-to";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    BigMailbox big;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        BigMailbox.register(registry, "vaultmail-bulk-e2e-");
    }

    @BeforeAll
    void seedTenThousand() throws MessagingException {
        big = BigMailbox.connect();
        big.seed(FROM, TO, N);
    }

    @AfterAll
    void cleanUp() throws MessagingException {
        if (big != null) big.close();
    }

    @Test
    void tenThousandAreSelectedAndMovedWithAProgressBar() throws Exception {
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(BIG);
        page.findElement(By.id("password")).sendKeys(BIG_PASSWORD);
        page.findElement(By.id("submit")).click();
        await(page, 30).until(ExpectedConditions.presenceOfElementLocated(By.id("message-list")));

        page.get(base + "/mail/" + FROM);
        await(page, 30).until(d -> !d.findElements(By.cssSelector("#message-list .message-row")).isEmpty());
        page.findElement(By.id("select-page")).click();
        WebElement all = await(page, 15).until(ExpectedConditions.visibilityOfElementLocated(By.id("select-all-folder")));
        assertThat(all.getText().replaceAll("[^0-9]", "")).isEqualTo(Integer.toString(N));
        all.click();
        await(page, 15).until(d -> d.findElement(By.id("selection-count")).getText().replaceAll("[^0-9]", "").equals(Integer.toString(N)));

        long start = System.nanoTime();
        new Select(page.findElement(By.id("bulk-move"))).selectByValue(TO);
        List<Integer> progress = new ArrayList<>();
        await(page, 30).until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-progress")));
        Await.until("the progress box hidden again", Duration.ofMinutes(5), () -> { // each round also reads the bar
            List<WebElement> box = page.findElements(By.cssSelector("#bulk-progress:not([hidden])"));
            if (box.isEmpty()) return true;
            // read in one script: the progress fragment replaces itself (and its bar) on every poll (ADR 0056)
            Object value = ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                    "const bar = document.getElementById('bulk-progress-bar'); return bar ? String(bar.value) : null;");
            if (value != null) progress.add((int) Double.parseDouble(value.toString()));
            return false;
        });
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(page.findElements(By.cssSelector("#bulk-progress:not([hidden])"))).as("finished within 5 minutes").isEmpty();
        assertThat(progress).as("the bar was watched").isNotEmpty().isSorted();

        assertThat(big.count(FROM)).isZero();
        assertThat(big.count(TO)).isEqualTo(N);
        List<String> errors = page.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("/api/v1/events")).toList();
        // the list pane reloads the source folder while the job expunges it from the session's other connection:
        // those reloads must succeed too (they once answered 502 "Cannot list")
        assertThat(errors).as("browser errors").isEmpty();
        System.out.printf("BULK E2E 10k move on Dovecot: %d ms, progress seen %s%n", millis, progress);
    }

    static WebDriverWait await(WebDriver page, int seconds) {
        return Browser.waitUpTo(page, Duration.ofSeconds(seconds));
    }
}
