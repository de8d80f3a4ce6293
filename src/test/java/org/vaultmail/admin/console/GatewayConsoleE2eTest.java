package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.gateway.policy.GatewayPolicyField;
import org.vaultmail.gateway.policy.StoredGatewayPolicies;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;

/**
 * A real Chromium on the console's sending API page (ADR 0040): an operator finds a user by address, sees their key
 * prefixes, mailboxes and messages, switches their API access off, revokes a key, disables a mailbox; then changes the
 * gateway policy (a refused value kept with its message, a valid one saved, reset). No console errors (strict CSP), and
 * no digest or ciphertext anywhere on the pages.
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayConsoleE2eTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String OPERATOR_PASSWORD = "E2e-Gateway-Operator-Canary-5a90";

    GatewayConsoleE2eTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-gateway-e2e-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @RegisterExtension
    final BrowserExtension operatorBrowser = new BrowserExtension();

    @Autowired
    StoredGatewayPolicies policies;

    /** A user with one key, one connected mailbox, four messages sent and one held today. */
    record Carol(String tag, long id, long key) {
    }

    @Test
    void aSearchShowsTheUsersKeyPrefixMailboxStateAndTodaysMessages() {
        Carol carol = seedCarol();
        WebDriver admin = signedInOperatorSearchingFor(carol, newOperator());
        WebElement row = userRow(admin, carol.id());
        assertThat(row.findElement(By.cssSelector(".key-counts")).getText()).isEqualTo("1 active, 0 revoked");
        assertThat(row.findElement(By.cssSelector(".key .prefix")).getText()).isEqualTo("vmk_Car0l" + carol.tag());
        assertThat(row.findElement(By.cssSelector(".mailbox .state")).getText()).isEqualTo("connected");
        assertThat(row.findElements(By.cssSelector(".per-day .day")).getLast().getText()).as("4 sent and 1 held today").isEqualTo("5");
        assertThat(row.findElement(By.cssSelector(".holds")).getText()).isEqualTo("1");
        assertThat(admin.getPageSource()).doesNotContain(GatewayRows.DIGEST_CANARY).doesNotContain(GatewayRows.CIPHERTEXT_CANARY);
        assertNoConsoleErrors();
    }

    @Test
    void switchingAUsersAccessOffNamesTheOperatorOnTheRowAndReturnsToTheSearch() {
        Carol carol = seedCarol();
        String operator = newOperator();
        WebDriver admin = signedInOperatorSearchingFor(carol, operator);
        userRow(admin, carol.id()).findElement(By.cssSelector(".disable-access")).click();
        waitForText(admin, "API access switched off: the user's keys are refused at once on every node.");
        assertThat(admin.getCurrentUrl()).as("back on the search").contains("q=" + carol.tag());
        assertThat(userRow(admin, carol.id()).findElement(By.cssSelector(".access")).getText()).contains("switched off by " + operator);
        assertNoConsoleErrors();
    }

    @Test
    void revokingAKeyMarksItRevokedAndIsAudited() {
        Carol carol = seedCarol();
        String operator = newOperator();
        WebDriver admin = signedInOperatorSearchingFor(carol, operator);
        userRow(admin, carol.id()).findElement(By.cssSelector(".revoke-key")).click();
        waitForText(admin, "API key revoked: it is refused at once on every node.");
        assertThat(userRow(admin, carol.id()).findElement(By.cssSelector(".key")).getAttribute("data-state")).isEqualTo("revoked");
        awaitAudit("action = 'gateway.apikey.revoked' AND actor_id = ? AND target = ?", operator, "apikey:" + carol.key());
        assertNoConsoleErrors();
    }

    @Test
    void disablingAMailboxShowsItDisabledAndNoDigestOrCiphertextOnThePage() {
        Carol carol = seedCarol();
        WebDriver admin = signedInOperatorSearchingFor(carol, newOperator());
        userRow(admin, carol.id()).findElement(By.cssSelector(".disable-mailbox")).click();
        waitForText(admin, "Mailbox disabled: nothing is sent through it until it is enabled again; mail queued for it fails as \"mailbox_disabled\" (its owner can retry it later).");
        assertThat(userRow(admin, carol.id()).findElement(By.cssSelector(".mailbox .state")).getText()).isEqualTo("disabled");
        assertThat(admin.getPageSource()).doesNotContain(GatewayRows.DIGEST_CANARY).doesNotContain(GatewayRows.CIPHERTEXT_CANARY);
        assertNoConsoleErrors();
    }

    @Test
    void thePolicyPageKeepsARefusedValueWithItsMessageSavesAValidOneAndResetsIt() {
        WebDriver admin = signedInOperator(newOperator());
        try {
            admin.findElement(By.id("nav-api")).click();
            waitFor(admin, "api-users");
            admin.findElement(By.id("api-policy-edit")).click();
            waitFor(admin, "policy-fields");
            WebElement limits = admin.findElement(By.id("f-domainSendLimits"));
            limits.sendKeys("example.test=0/10");
            admin.findElement(By.id("policy-save")).click();
            waitFor(admin, "e-domainSendLimits");
            assertThat(admin.findElement(By.id("e-domainSendLimits")).getText()).contains("per minute from 1 to");
            limits = admin.findElement(By.id("f-domainSendLimits"));
            assertThat(limits.getDomProperty("value")).isEqualTo("example.test=0/10");
            limits.clear();
            limits.sendKeys("example.test=10/500");
            admin.findElement(By.id("policy-save")).click();
            waitFor(admin, "done");
            assertThat(admin.findElement(By.id("done")).getText()).contains("1 setting changed;");
            assertThat(admin.findElement(By.cssSelector("tr[data-field=domainSendLimits] .effective")).getText())
                    .isEqualTo("example.test=10/500");
            assertThat(policies.current().perMinute("example.test")).isEqualTo(10);
            admin.findElement(By.cssSelector("tr[data-field=domainSendLimits] .policy-reset")).click();
            Browser.waitUpTo(admin, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBe(By.id("done"), "Back to the configured default."));
            assertThat(admin.findElement(By.cssSelector("tr[data-field=domainSendLimits] .effective")).getText()).isEqualTo("none");
            assertNoConsoleErrors();
        } finally {
            Map<GatewayPolicyField, String> blank = new EnumMap<>(GatewayPolicyField.class);
            for (GatewayPolicyField f : GatewayPolicyField.values()) blank.put(f, "");
            policies.save(policies.view().version(), blank, "cleanup", null);
        }
    }

    private Carol seedCarol() {
        GatewayRows rows = new GatewayRows(jdbc);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String carol = "carol-" + tag + "@example.test";
        long carolId = rows.user(carol);
        long key = rows.key(carolId, "vmk_Car0l" + tag, "newsletter", false);
        long mailbox = rows.mailbox(carolId, carol, "own", "connected");
        for (int i = 0; i < 4; i++) rows.message(carolId, mailbox, "sent", Instant.now());
        rows.message(carolId, mailbox, "held", Instant.now());
        return new Carol(tag, carolId, key);
    }

    /** A new operator's name; its TOTP secret is kept for {@link #signedInOperator}. */
    private String newOperator() {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        secrets.put(operator, createOperator(operator));
        return operator;
    }

    private final Map<String, String> secrets = new java.util.HashMap<>();

    private WebDriver signedInOperator(String operator) {
        WebDriver admin = operatorBrowser.browser().open("http://localhost:" + port + "/admin/api").driver();
        waitFor(admin, "admin-signin");
        admin.findElement(By.id("username")).sendKeys(operator);
        admin.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
        admin.findElement(By.id("code")).sendKeys(code(secrets.get(operator), 0));
        admin.findElement(By.id("admin-signin-submit")).click();
        waitFor(admin, "entries");
        return admin;
    }

    /** Signed in, on the sending API page, with the search narrowed to {@code carol}. */
    private WebDriver signedInOperatorSearchingFor(Carol carol, String operator) {
        WebDriver admin = signedInOperator(operator);
        admin.findElement(By.id("nav-api")).click();
        waitFor(admin, "api-users");
        admin.findElement(By.id("q")).sendKeys(carol.tag());
        admin.findElement(By.id("search-apply")).click();
        Browser.waitUpTo(admin, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=" + carol.tag()));
        return admin;
    }

    private void assertNoConsoleErrors() {
        assertThat(operatorBrowser.browser().console()).as("browser console (CSP violations, errors)").noneMatch(m -> m.startsWith("SEVERE"));
    }

    private static WebElement userRow(WebDriver admin, long userId) {
        return admin.findElement(By.cssSelector("tr.api-user[data-user='" + userId + "']"));
    }

    /** The page after a form post replaces the old one: wait for the new message, not for an element of the old page. */
    private static void waitForText(WebDriver admin, String text) {
        Browser.waitUpTo(admin, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("done"), text));
    }

    private static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
