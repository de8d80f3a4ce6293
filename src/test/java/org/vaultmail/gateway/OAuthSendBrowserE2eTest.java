package org.vaultmail.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;

/**
 * A real Chromium connects a Google account (ADR 0044): "Connect a Google account" on the mailboxes page, the local
 * authorization server's login page ({@code <local>-sso}), back to a connected mailbox; then an API key sends through
 * it and the Gmail stand-in receives the message. No token on any page.
 */
@Tag("e2e")
class OAuthSendBrowserE2eTest extends OAuthSendTestSupport {

    static final String PW = "oauth-send-browser-pw-8c1e";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void connectAGoogleAccountInTheBrowserThenSendThroughItWithAnApiKey() {
        String me = AuthAppTestSupport.newUser(PW);
        String account = "sender-gb@example.test";
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(me);
        page.findElement(By.id("password")).sendKeys(PW);
        page.findElement(By.id("submit")).click();
        wait(page, By.id("settings-link")).click(); // the top bar leads to Settings, which lists the Sending API
        wait(page, By.id("sending-api-link")).click();

        wait(page, By.id("connect-google")).click();
        wait(page, By.name("username")).sendKeys(account);
        page.findElement(By.name("password")).sendKeys(LocalAuthorizationServer.password(account));
        page.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement message = wait(page, By.id("message"));
        assertThat(message.getText()).isEqualTo("Connected " + account + " through Google. API keys can now send mail through it.");
        WebElement row = page.findElement(By.cssSelector("tr.mailbox"));
        assertThat(row.findElement(By.className("address")).getText()).isEqualTo(account);
        assertThat(row.getAttribute("data-state")).isEqualTo("connected");
        browser.browser().screenshot("oauth-send-connected");
        assertThat(page.getPageSource()).doesNotContain(LocalAuthorizationServer.clientSecret("google"));

        GatewayApi api = new GatewayApi(port);
        String key = api.createKey(api.signIn(me, PW), "browser e2e", "send", "outbox:read");
        assertThat(key).startsWith("vmk_");
        String id = api.accepted(key, GatewayApi.message(account, "bob@example.net", "connected in a browser", Map.of()))
                .get("id").asString();
        api.awaitStatus(key, id, "sent", Duration.ofSeconds(20));
        assertThat(only(GMAIL.received(), messageId(id)).raw()).isEqualTo(mime(id));
    }

    private static WebElement wait(WebDriver page, By by) {
        return Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(by));
    }
}
