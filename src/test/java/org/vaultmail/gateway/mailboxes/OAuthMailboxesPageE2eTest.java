package org.vaultmail.gateway.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/**
 * A real Chromium on /settings/api/mailboxes with the oauth module's flow stood in for ({@link FakeOAuth}: "start"
 * finishes at once through the real handler): the Connect buttons, a connected Google and Microsoft 365 mailbox, the
 * disconnect texts (Google revoked; Microsoft has no revocation: where to remove the app), a declined consent.
 */
@Tag("e2e")
class OAuthMailboxesPageE2eTest extends OAuthMailboxesTestSupport {

    static final String PW = "oauth-page-pw-2b7c";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Autowired
    FakeOAuth.State oauth;

    @Test
    void connectAndDisconnectGoogleAndMicrosoftAccountsThroughThePage() {
        String me = newUser(PW);
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(me);
        page.findElement(By.id("password")).sendKeys(PW);
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link").click(); // the top bar leads to Settings, which lists the Sending API
        wait(page, "sending-api-link").click();
        assertThat(wait(page, "connect-google").getText()).isEqualTo("Connect a Google account");
        assertThat(page.findElement(By.id("connect-microsoft")).getText()).isEqualTo("Connect a Microsoft 365 account");
        assertThat(page.findElement(By.id("oauth")).getText()).contains("only for permission to send mail");

        // declined at the provider: nothing connected, a clear sentence
        oauth.nextFailure = OAuthFailure.Reason.DENIED;
        page.findElement(By.id("connect-google")).click();
        assertThat(newMessage(page, "")).isEqualTo("Nothing was connected: the permission was not given at Google. "
                + "To connect the account, try again and choose Allow.");
        assertThat(page.findElements(By.cssSelector("tr.mailbox"))).isEmpty();
        oauth.nextFailure = null;

        String gmail = "sender-g-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@gmail.test";
        oauth.nextEmail = gmail;
        String before = page.findElement(By.id("message")).getText();
        page.findElement(By.id("connect-google")).click();
        assertThat(newMessage(page, before)).isEqualTo("Connected " + gmail + " through Google. API keys can now send mail through it.");
        WebElement row = page.findElement(By.cssSelector("tr.mailbox"));
        assertThat(row.findElement(By.className("address")).getText()).isEqualTo(gmail);
        assertThat(row.findElement(By.className("kind")).getText()).startsWith("Google account");
        assertThat(row.findElements(By.cssSelector("form.replace"))).as("no password to replace").isEmpty();
        browser.browser().screenshot("oauth-mailbox-connected");

        before = page.findElement(By.id("message")).getText();
        row.findElement(By.cssSelector("form.disconnect button")).click();
        wait(page, "confirm-disconnect-yes").click();
        assertThat(newMessage(page, before)).contains("Google has revoked Vaultmail's access");

        String outlook = "sender-m-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@outlook.test";
        oauth.nextEmail = outlook;
        before = page.findElement(By.id("message")).getText();
        wait(page, "connect-microsoft").click();
        assertThat(newMessage(page, before)).startsWith("Connected " + outlook + " through Microsoft 365.");
        before = page.findElement(By.id("message")).getText();
        page.findElement(By.cssSelector("tr.mailbox form.disconnect button")).click();
        wait(page, "confirm-disconnect-yes").click();
        assertThat(newMessage(page, before)).contains("Microsoft has no way for an application to withdraw its own permission")
                .contains("https://myapps.microsoft.com");
        assertThat(page.getPageSource()).doesNotContain("CANARY").doesNotContain(PW);
    }

    /** The message once it differs from {@code before} (the old page is still there until the new one replaces it). */
    private static String newMessage(WebDriver page, String before) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> {
            try {
                String text = d.findElement(By.id("message")).getText();
                return text.equals(before) ? null : text;
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                return null;
            }
        });
    }

    private static WebElement wait(WebDriver page, String id) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
