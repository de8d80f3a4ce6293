package org.vaultmail.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/**
 * A real Chromium on /settings/api/webhooks under the strict CSP: a refused URL keeps what was typed; adding shows the
 * secret once with a working copy button; a test event reaches the loopback receiver and shows in recent deliveries;
 * rotating shows a new secret; removing empties the list.
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class WebhookSettingsE2eTest extends AuthAppTestSupport {

    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.gateway.webhooks.allowed-internal[0]", () -> "127.0.0.1:" + RECEIVER.port());
    }

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void addSeeTheSecretOnceSendATestEventRotateAndRemove() {
        String address = newUser("imap-pw-e2e-webhooks");
        String base = "http://localhost:" + port;
        Browser chromium = browser.browser();
        WebDriver page = chromium.open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys("imap-pw-e2e-webhooks");
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link"); // signed in
        page.get(base + "/settings/api/webhooks");
        assertThat(wait(page, "api-webhooks-link").getAttribute("aria-current")).isEqualTo("page");
        assertThat(page.findElement(By.id("none")).isDisplayed()).isTrue();

        page.findElement(By.id("url")).sendKeys("https://169.254.169.254/latest/meta-data/");
        page.findElement(By.id("event-message.sent")).click();
        page.findElement(By.id("add")).click();
        assertThat(wait(page, "problem").getText()).contains("loopback, private, link-local");
        assertThat(page.findElement(By.id("url")).getAttribute("value")).isEqualTo("https://169.254.169.254/latest/meta-data/");
        assertThat(page.findElement(By.id("event-message.sent")).isSelected()).as("the choice is kept").isTrue();

        page.findElement(By.id("url")).clear();
        page.findElement(By.id("url")).sendKeys(RECEIVER.url("/e2e"));
        page.findElement(By.id("add")).click();
        String secret = wait(page, "secret").getText();
        assertThat(secret).startsWith("whsec_");
        chromium.screenshot("webhooks-secret-shown");
        page.findElement(By.id("copy-secret")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(5)).until(d -> "Copied".equals(d.findElement(By.id("copy-secret")).getText())
                || secret.equals(((JavascriptExecutor) d).executeScript("return window.getSelection().toString().trim()")));

        page.get(base + "/settings/api/webhooks");
        WebElement endpoint = wait(page, By.cssSelector("section.webhook"));
        assertThat(page.getPageSource()).doesNotContain(secret);
        assertThat(endpoint.findElement(By.cssSelector(".webhook-state")).getText()).isEqualTo("Enabled");
        assertThat(endpoint.findElement(By.cssSelector(".webhook-events")).getText()).isEqualTo("message.sent");

        endpoint.findElement(By.cssSelector("button.send-test")).click();
        assertThat(wait(page, "message").getText()).contains("test event");
        Await.until("the test event", Duration.ofSeconds(20), () -> RECEIVER.at("/e2e").size() == 1);
        assertThat(new StandardWebhooksVerifier(secret).verify(RECEIVER.at("/e2e").getFirst().header("webhook-id"),
                RECEIVER.at("/e2e").getFirst().header("webhook-timestamp"), RECEIVER.at("/e2e").getFirst().header("webhook-signature"),
                RECEIVER.at("/e2e").getFirst().body(), clock.instant().getEpochSecond())).isTrue();
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> {
            d.get(base + "/settings/api/webhooks");
            return d.findElements(By.cssSelector("tr.delivery .delivery-status")).stream().anyMatch(e -> e.getText().equals("succeeded"));
        });

        chromium.screenshot("webhooks-deliveries");
        wait(page, By.cssSelector("button.rotate")).click();
        String rotated = wait(page, "secret").getText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(page.findElement(By.id("message")).getText()).contains("two signatures");

        wait(page, By.cssSelector("button.remove")).click();
        assertThat(wait(page, "none").isDisplayed()).isTrue();
        assertThat(chromium.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused"));
    }

    private static WebElement wait(WebDriver page, String id) {
        return wait(page, By.id(id));
    }

    private static WebElement wait(WebDriver page, By by) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }
}
