package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.Requester;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.FakeMigrations;

/**
 * A real Chromium on the console's Migrations page: an operator signs in, starts a job (both sides' server, login and
 * password), lands on its page with live progress, cancels it after the confirmation step. No console errors (strict
 * CSP, htmx polling), and neither password anywhere on the pages.
 */
@Tag("e2e")
@Import(FakeMigrations.class)
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MigrationsConsoleE2eTest extends ConsoleTestSupport {

    static final String OPERATOR_PASSWORD = "E2e-Migrations-Operator-Canary-c3d1";
    static final String SOURCE_CANARY = "E2e-Source-Pass-Canary-5e0a";
    static final String DESTINATION_CANARY = "E2e-Dest-Pass-Canary-9b44";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-migrations-e2e-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
    }

    @RegisterExtension
    final BrowserExtension operatorBrowser = new BrowserExtension();

    @Autowired
    FakeMigrations.Jobs jobs;

    MigrationsConsoleE2eTest() {
        super(OPERATOR_PASSWORD);
    }

    @Test
    void anOperatorStartsAJobInTheConsoleAndCancelsIt() {
        String base = "http://localhost:" + port;
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(operator);
        Browser ops = operatorBrowser.browser();
        WebDriver admin = ops.open(base + "/admin/migrations").driver();
        waitFor(admin, "admin-signin");
        admin.findElement(By.id("username")).sendKeys(operator);
        admin.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        admin.findElement(By.id("code")).sendKeys(code(secret, 0));
        admin.findElement(By.id("admin-signin-submit")).click();
        waitFor(admin, "entries");

        admin.findElement(By.id("nav-migrations")).click();
        waitFor(admin, "start-form");
        new Select(admin.findElement(By.id("sourceServer"))).selectByValue("green.test");
        admin.findElement(By.id("sourceLogin")).sendKeys("frank@green.test");
        admin.findElement(By.id("sourcePassword")).sendKeys(SOURCE_CANARY);
        new Select(admin.findElement(By.id("destinationServer"))).selectByValue("example.test");
        admin.findElement(By.id("destinationLogin")).sendKeys("alice@example.test");
        admin.findElement(By.id("destinationPassword")).sendKeys(DESTINATION_CANARY);
        admin.findElement(By.id("skipTrashJunk")).click();
        admin.findElement(By.id("start-job")).click();

        waitFor(admin, "job-state");
        assertThat(admin.findElement(By.id("job-state")).getText()).isEqualTo("queued");
        assertThat(admin.findElement(By.id("job-from")).getText()).isEqualTo("frank@green.test at green.test");
        String id = admin.getCurrentUrl().replaceFirst(".*/admin/migrations/", "");
        assertThat(jobs.find(id, Requester.cli()).orElseThrow().createdBy()).isEqualTo("operator:" + operator);
        assertThat(admin.getPageSource()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);

        admin.findElement(By.id("cancel")).click();
        waitFor(admin, "confirm-cancel");
        assertThat(jobs.find(id, Requester.cli()).orElseThrow().state()).as("not before the confirmation").isEqualTo(JobState.QUEUED);
        admin.findElement(By.id("confirm-cancel")).click();
        Browser.waitUpTo(admin, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("done"), "Cancelled; the job's credentials are deleted."));
        assertThat(admin.findElement(By.id("job-state")).getText()).isEqualTo("cancelled");
        assertThat(jobs.find(id, Requester.cli()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);

        admin.findElement(By.id("back")).click();
        waitFor(admin, "jobs");
        assertThat(admin.findElement(By.cssSelector("tr[data-job='" + id + "'] .state")).getText()).isEqualTo("cancelled");
        assertThat(admin.getPageSource()).doesNotContain(SOURCE_CANARY).doesNotContain(DESTINATION_CANARY);
        assertThat(ops.console()).as("browser console (CSP violations, errors)").noneMatch(m -> m.startsWith("SEVERE"));
    }

    private static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
