package org.vaultmail.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.gateway.apikeys.ApiScope.SEND;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.gateway.mailboxes.MailboxState;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Chromium on {@code /settings/api/outbox}: the user's messages without their subjects, the history on
 * expand, cancel of a queued one and retry of a failed one (forms with CSRF under the strict CSP).
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OutboxTestBeans.class)
class OutboxPageE2eTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ME = "page-" + SUFFIX + "@example.test";
    static final String PASSWORD = "page-pw-" + SUFFIX;
    static final String CANARY_SUBJECT = "Page-Canary-Subject-" + SUFFIX;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ApiTestApp.register(registry, "vaultmail-outbox-page-test-");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theUserSeesTheirMessagesAndCancelsAndRetries() {
        MAIL.createUser(ME, PASSWORD);
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(ME);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/signin"));

        long userId = jdbc.sql("SELECT id FROM users WHERE address = ?").param(ME).query(Long.class).single();
        long mailbox = OutboxTestBeans.mailbox(jdbc, userId, ME, MailboxState.CONNECTED);
        String key = OutboxTestBeans.key("vmk_test_page_" + SUFFIX, 9, userId, ME, Set.of(SEND), Set.of(mailbox));
        HttpCalls http = new HttpCalls(port);
        JsonMapper json = JsonMapper.builder().build();
        String body = json.writeValueAsString(Map.of("mailbox", ME, "to", List.of("bob@example.org", "carol@example.org"),
                "subject", CANARY_SUBJECT, "text", "hello"));
        Reply queued = http.send("POST", "/api/v1/outbox", body, "Authorization", key);
        Reply failed = http.send("POST", "/api/v1/outbox", body, "Authorization", key);
        String queuedId = queued.json().get("id").asString();
        String failedId = failed.json().get("id").asString();
        jdbc.sql("UPDATE outbox_messages SET status = 'failed', failure_reason = 'rejected' WHERE id = ?").param(failedId).update();

        page.get(base + "/settings/api/outbox");
        WebElement row = wait(page, By.cssSelector("tr[data-id='" + queuedId + "']"));
        assertThat(page.findElement(By.id("api-outbox-link")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(row.findElement(By.className("message-id")).getText()).isEqualTo(queued.json().get("messageId").asString());
        assertThat(row.findElement(By.className("recipients")).getText()).isEqualTo("2");
        assertThat(page.getPageSource()).doesNotContain(CANARY_SUBJECT);
        row.findElement(By.className("status")).click();
        assertThat(row.findElement(By.cssSelector(".history li")).getText()).startsWith("queued");

        row.findElement(By.cssSelector("form.cancel button")).click();
        WebElement cancelled = wait(page, By.cssSelector("tr[data-id='" + queuedId + "'] .status"));
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d ->
                d.findElement(By.cssSelector("tr[data-id='" + queuedId + "'] .status")).getText().equals("cancelled"));
        assertThat(cancelled).isNotNull();

        page.findElement(By.cssSelector("tr[data-id='" + failedId + "'] form.retry button")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d ->
                d.findElement(By.cssSelector("tr[data-id='" + failedId + "'] .status")).getText().equals("queued"));
        assertThat(jdbc.sql("SELECT detail FROM outbox_history WHERE message_id = ? ORDER BY seq DESC LIMIT 1").param(failedId)
                .query(String.class).single()).isEqualTo("retried by the outbox page");

        new org.openqa.selenium.support.ui.Select(page.findElement(By.id("filter-status"))).selectByValue("cancelled");
        page.findElement(By.id("filter-apply")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("status=cancelled"));
        assertThat(page.findElements(By.cssSelector("tr.outbox-message"))).hasSize(1);
    }

    private static WebElement wait(WebDriver page, By by) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }
}
