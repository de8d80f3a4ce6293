package org.vaultmail.a11y;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vaultmail.testing.Browser;

/**
 * axe-core on every page a user and an operator reach, each in the light and the dark theme: no serious or critical
 * violation (issue 17 item 7). One Chromium for the whole sweep; a failure lists every violation (rule, impact, help,
 * the elements). All findings, minor and moderate ones too, go to {@code target/a11y/axe-report.txt}.
 */
@Tag("e2e")
class AxeSweepE2eTest extends A11yTestSupport {

    private static final Path REPORT = Path.of("target", "a11y", "axe-report.txt");
    private static Browser browser;
    private static final List<String> REPORTED = new ArrayList<>();

    private final List<Axe.Violation> found = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private final List<String> sameInBothThemes = new ArrayList<>();
    private WebDriver page;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() throws IOException {
        if (browser != null) browser.close();
        Files.createDirectories(REPORT.getParent());
        Files.write(REPORT, REPORTED, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void freshBrowser() {
        page = browser.driver();
        page.get(base() + "/signin");
        page.manage().deleteAllCookies();
    }

    @Test
    void signedOutPagesAndErrorPagesHaveNoSeriousOrCriticalViolation() {
        visit("/", "home");
        visit("/signin", "signin");
        page.findElement(By.id("address")).sendKeys(ALICE);
        page.findElement(By.id("password")).sendKeys("wrong-password");
        submitAndWaitForNextPage(By.id("submit"));
        check("signin with an error");
        visit("/no-such-page", "error 404");
        visit("/api/docs", "api docs");
        assertNoSeriousOrCritical();
    }

    @Test
    void everyUserPageHasNoSeriousOrCriticalViolation() {
        signIn(page, ALICE, ALICE_PASSWORD);
        check("mail (inbox)");
        page.findElements(By.cssSelector(".message-row .row-link")).stream()
                .filter(a -> a.getText().contains("Invoice")).findFirst().orElseThrow().click();
        waitFor(page, "message");
        waitFor(page, "attachments");
        check("mail with a message open");
        page.findElement(By.id("help-open")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("help")).getAttribute("open") != null);
        check("mail with the shortcuts dialog");
        visit("/mail/Archive", "mail (archive)");
        visit("/mail/INBOX?q=subject%3Azzzz-nothing", "mail (search without results)");
        visit("/mail/No-Such-Folder", "mail (unknown folder)");
        visit("/compose", "compose");
        for (String settings : List.of("/settings", "/settings/identities", "/settings/security", "/settings/security/passkeys",
                "/settings/sessions", "/settings/smtp", "/settings/folders", "/settings/import", "/settings/api",
                "/settings/api/keys", "/settings/api/webhooks", "/settings/api/mailboxes", "/settings/api/outbox")) {
            visit(settings, settings.substring(1));
        }
        visit("/settings/no-such-page", "error 404 (signed in)");
        assertNoSeriousOrCritical();
    }

    @Test
    void twoStepSignInPagesHaveNoSeriousOrCriticalViolation() {
        signIn(page, org.vaultmail.demo.DemoMailSeeder.BOB, org.vaultmail.demo.DemoMailSeeder.BOB_PASSWORD);
        page.get(base() + "/settings/security");
        page.findElement(By.id("enrol-password")).sendKeys(org.vaultmail.demo.DemoMailSeeder.BOB_PASSWORD);
        page.findElement(By.id("enrol")).click();
        waitFor(page, "secret");
        check("settings/security (setting up)");
        String secret = page.findElement(By.id("secret")).getText();
        page.findElement(By.id("confirm-code")).sendKeys(code(secret, 0));
        page.findElement(By.id("confirm")).click();
        waitFor(page, "recovery-codes");
        check("settings/security (recovery codes)");
        page.get(base() + "/settings/security");
        waitFor(page, "enabled");
        check("settings/security (on)");
        page.manage().deleteAllCookies();
        page.get(base() + "/signin");
        page.findElement(By.id("address")).sendKeys(org.vaultmail.demo.DemoMailSeeder.BOB);
        page.findElement(By.id("password")).sendKeys(org.vaultmail.demo.DemoMailSeeder.BOB_PASSWORD);
        page.findElement(By.id("submit")).click();
        waitFor(page, "code-form");
        check("signin/code");
        page.findElement(By.id("code")).sendKeys("000000");
        submitAndWaitForNextPage(By.id("submit"));
        check("signin/code with an error");
        assertNoSeriousOrCritical();
    }

    @Test
    void everyOperatorConsolePageHasNoSeriousOrCriticalViolation() {
        String operator = "a11y-op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(operator);
        visit("/admin/signin", "admin/signin");
        page.findElement(By.id("username")).sendKeys(operator);
        page.findElement(By.id("password")).sendKeys("wrong");
        page.findElement(By.id("code")).sendKeys("000000");
        submitAndWaitForNextPage(By.id("admin-signin-submit"));
        check("admin/signin with an error");
        page.findElement(By.id("username")).clear();
        page.findElement(By.id("username")).sendKeys(operator);
        page.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        page.findElement(By.id("code")).sendKeys(code(secret, 0));
        page.findElement(By.id("admin-signin-submit")).click();
        waitFor(page, "entries");
        for (String console : List.of("/admin/audit", "/admin/users", "/admin/sessions", "/admin/keys", "/admin/policy",
                "/admin/api", "/admin/api/policy", "/admin/migrations", "/admin/migrations/sources", "/admin/oauth",
                "/admin/servers")) {
            visit(console, console.substring(1));
        }
        visit("/admin/no-such-page", "error 404 (console)");
        assertNoSeriousOrCritical();
    }

    private void submitAndWaitForNextPage(By button) {
        var old = page.findElement(By.tagName("html"));
        page.findElement(button).click();
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(old));
    }

    private void visit(String path, String name) {
        page.get(base() + path);
        check(name);
    }

    /** Checks the page as it is shown now, in the light theme and then in the dark one. */
    private void check(String name) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !document.querySelector('.htmx-request')"));
        List<String> backgrounds = new ArrayList<>();
        for (String theme : List.of("light", "dark")) {
            backgrounds.add(Axe.theme(page, theme));
            found.addAll(Axe.check(page, name + " [" + theme + "]"));
            checked.add(name + " [" + theme + "]");
        }
        if (backgrounds.get(0).equals(backgrounds.get(1))) sameInBothThemes.add(name + " (" + backgrounds.get(0) + ")");
        Axe.theme(page, "light");
    }

    private void assertNoSeriousOrCritical() {
        REPORTED.add("== " + checked.size() + " page views checked: " + String.join(", ", checked));
        found.forEach(v -> REPORTED.add(v.describe()));
        List<Axe.Violation> failing = found.stream().filter(Axe.Violation::failing).toList();
        String report = failing.stream().map(Axe.Violation::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
        assertThat(sameInBothThemes).as("pages whose background did not change with the theme (not checked in dark)").isEmpty();
        assertThat(failing).as("serious or critical axe violations in " + checked.size() + " page views:" + report).isEmpty();
    }
}
