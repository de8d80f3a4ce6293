package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * Two real Chromiums: a user reads mail; an operator signs in with password and TOTP, ends the user's
 * session from the sessions page (the user's next page load is the sign-in page, within 5 s), then
 * filters the audit log and sees both sides of the revocation. No console errors (strict CSP).
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminConsoleE2eTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String OPERATOR_PASSWORD = "E2e-Operator-Canary-2b77";

    AdminConsoleE2eTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-admin-e2e-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
        // one row per batch, two a second: the rewrap outlives the page load, so the bar must move by itself
        registry.add("vaultmail.console.rewrap.batch-size", () -> "1");
        registry.add("vaultmail.console.rewrap.max-rows-per-second", () -> "2");
    }

    @RegisterExtension
    final BrowserExtension operatorBrowser = new BrowserExtension();

    @Test
    void operatorEndsAUsersSessionAndTheAuditLogShowsBothSidesWithAnIntactChain() {
        String base = "http://localhost:" + port;
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(operator);
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");

        try (Browser userBrowser = Browser.launch()) {
            WebDriver mail = userBrowser.open(base + "/signin").driver();
            mail.findElement(By.id("address")).sendKeys(user);
            mail.findElement(By.id("password")).sendKeys("user-pw");
            mail.findElement(By.id("submit")).click();
            waitFor(mail, "list-pane");

            Browser ops = operatorBrowser.browser();
            WebDriver admin = ops.open(base + "/admin/sessions").driver();
            waitFor(admin, "admin-signin");
            assertThat(admin.getCurrentUrl()).endsWith("/admin/signin");
            signIn(admin, operator, secret);

            admin.findElement(By.id("nav-sessions")).click();
            waitFor(admin, "all-sessions");
            var row = admin.findElements(By.cssSelector("tr.session")).stream()
                    .filter(r -> r.findElement(By.cssSelector(".user")).getText().equals(user)).findFirst().orElseThrow();
            row.findElement(By.cssSelector("input[type=checkbox]")).click();
            admin.findElement(By.id("revoke-selected")).click();
            waitFor(admin, "revoked");
            assertThat(admin.findElement(By.id("revoked")).getText()).contains("1 session(s) ended");
            long revokedAt = System.nanoTime();

            mail.get(base + "/mail");
            Browser.waitUpTo(mail, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/signin"));
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));

            admin.findElement(By.id("nav-audit")).click();
            waitFor(admin, "filter");
            new Select(admin.findElement(By.id("action"))).selectByValue("session.revoke");
            admin.findElement(By.id("apply")).click();
            Browser.waitUpTo(admin, Duration.ofSeconds(10)).until(d -> {
                d.navigate().refresh();
                List<String> actors = d.findElements(By.cssSelector("tr.entry .actor")).stream().map(e -> e.getText()).toList();
                return actors.contains(operator) && actors.contains(user);
            });
            assertThat(admin.findElements(By.cssSelector("tr.entry .action"))).allSatisfy(e -> assertThat(e.getText()).isEqualTo("session.revoke"));

            admin.findElement(By.id("verify-chain")).click();
            waitFor(admin, "verification");
            assertThat(admin.findElement(By.id("verification")).getText()).startsWith("Chain OK");

            assertThat(ops.console()).as("browser console (CSP violations, errors)").noneMatch(m -> m.startsWith("SEVERE"));
        }
    }

    @Test
    void thePolicyPageKeepsARefusedValueWithItsMessageSavesAValidOneAndResetsIt() {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(operator);
        Browser ops = operatorBrowser.browser();
        WebDriver admin = ops.open("http://localhost:" + port + "/admin/sessions").driver();
        waitFor(admin, "admin-signin");
        signIn(admin, operator, secret);

        // a refused value stays in the field with its message; a valid one is saved; reset (a button of another form)
        admin.findElement(By.id("nav-policy")).click();
        waitFor(admin, "policy-fields");
        WebElement failures = admin.findElement(By.id("f-accountFailures"));
        failures.sendKeys("0");
        admin.findElement(By.id("policy-save")).click();
        waitFor(admin, "e-accountFailures");
        assertThat(admin.findElement(By.id("e-accountFailures")).getText()).isEqualTo("Enter a number from 1 to 1000.");
        failures = admin.findElement(By.id("f-accountFailures"));
        assertThat(failures.getDomProperty("value")).isEqualTo("0");
        failures.clear();
        failures.sendKeys("4");
        admin.findElement(By.id("policy-save")).click();
        waitFor(admin, "done");
        assertThat(admin.findElement(By.id("done")).getText()).contains("1 setting changed;");
        assertThat(admin.findElement(By.cssSelector("tr[data-field=accountFailures] .effective")).getText()).isEqualTo("4");
        admin.findElement(By.cssSelector("tr[data-field=accountFailures] .policy-reset")).click();
        // the save's "done" is still on the page until the reset's page replaces it: wait for the new text
        Browser.waitUpTo(admin, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.id("done"), "Back to the configured default."));
        assertThat(admin.findElement(By.id("done")).getText()).isEqualTo("Back to the configured default.");
        assertThat(admin.findElement(By.cssSelector("tr[data-field=accountFailures] .effective")).getText()).isEqualTo("5");
        assertThat(ops.console()).as("browser console (CSP violations, errors)").noneMatch(m -> m.startsWith("SEVERE"));
    }

    @Test
    void operatorRotatesADataKeyWatchesTheRewrapReachTheEndAndFindsBothInTheAuditLog() {
        String base = "http://localhost:" + port;
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(operator);
        for (int i = 0; i < 3; i++) { // sealed rows (sessions' secrets) to rewrap
            String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
            MAIL.createUser(user, "user-pw");
            new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"));
        }

        Browser ops = operatorBrowser.browser();
        WebDriver admin = ops.open(base + "/admin/keys").driver();
        waitFor(admin, "admin-signin");
        signIn(admin, operator, secret);

        admin.findElement(By.id("nav-keys")).click();
        waitFor(admin, "data-keys");
        admin.findElement(By.id("rotate")).click();
        waitFor(admin, "done");
        assertThat(admin.findElement(By.id("done")).getText()).contains("is now primary");
        String pending = admin.findElement(By.id("not-on-primary")).getText();
        assertThat(Long.parseLong(pending.substring(0, pending.indexOf(' ')))).as("rows to rewrap").isGreaterThanOrEqualTo(3);

        admin.findElement(By.id("start-rewrap")).click();
        waitFor(admin, "rewrap");
        WebElement box = admin.findElement(By.id("rewrap"));
        assertThat(box.getAttribute("data-phase")).as("still running when the page loaded").isEqualTo("running");
        WebElement bar = admin.findElement(By.id("rewrap-progress"));
        List<String> seen = new java.util.ArrayList<>();
        Browser.waitUpTo(admin, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            String value = bar.getDomProperty("value");
            if (seen.isEmpty() || !seen.getLast().equals(value)) seen.add(value);
            return "done".equals(box.getAttribute("data-phase"));
        });
        // no reload happened: the same elements were updated by the event stream
        assertThat(bar.getDomProperty("value")).isIn("100", "100.0");
        assertThat(admin.findElement(By.id("rewrap-percent")).getText()).isEqualTo("100%");
        assertThat(admin.findElement(By.id("rewrap-status")).getText()).startsWith("Rewrap done:");
        assertThat(seen).as("the bar moved while running").hasSizeGreaterThan(1);

        admin.findElement(By.id("nav-audit")).click();
        waitFor(admin, "filter");
        admin.findElement(By.id("actor")).sendKeys(operator);
        admin.findElement(By.id("apply")).click();
        Browser.waitUpTo(admin, Duration.ofSeconds(10)).until(d -> {
            d.navigate().refresh();
            List<String> actions = d.findElements(By.cssSelector("tr.entry .action")).stream().map(e -> e.getText()).toList();
            return actions.contains("key.rotate") && actions.contains("key.rewrap");
        });
        new Select(admin.findElement(By.id("action"))).selectByValue("key.rewrap");
        admin.findElement(By.id("actor")).clear();
        org.openqa.selenium.WebElement unfiltered = admin.findElement(By.id("entries"));
        admin.findElement(By.id("apply")).click();
        // the filtered page replaces the list: wait for the old one to go before reading the new one
        Browser.waitUpTo(admin, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(unfiltered));
        waitFor(admin, "entries");
        assertThat(admin.findElements(By.cssSelector("tr.entry .actor")).stream().map(e -> e.getText()).toList())
                .as("the operator's start and the vault's own record").contains(operator, "vault");
        assertThat(ops.console()).as("browser console (CSP violations, errors)").noneMatch(m -> m.startsWith("SEVERE"));
    }

    /** Fills in the console's sign-in form shown on {@code admin} and waits for the audit log behind it. */
    private static void signIn(WebDriver admin, String operator, String secret) {
        admin.findElement(By.id("username")).sendKeys(operator);
        admin.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        admin.findElement(By.id("code")).sendKeys(code(secret, 0));
        admin.findElement(By.id("admin-signin-submit")).click();
        waitFor(admin, "entries");
    }

    private static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
