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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/** A real Chromium connects, tests, replaces and disconnects mailboxes on /settings/api/mailboxes (forms, CSRF, strict CSP). */
@Tag("e2e")
class MailboxesPageE2eTest extends MailboxesTestSupport {

    static final String OWN_PW = "own-pw-e2e-4c1d";
    static final String SHARED_PW = "shared-pw-e2e-9a7b";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcClient jdbc;

    @Test
    void connectTestReplaceAndDisconnectThroughThePage() {
        String me = newUser(OWN_PW);
        String shared = newUser(SHARED_PW);
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(me);
        page.findElement(By.id("password")).sendKeys(OWN_PW);
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link").click(); // the top bar leads to Settings, which lists the Sending API
        wait(page, "sending-api-link").click();
        wait(page, "connect");
        assertThat(page.findElement(By.id("api-mailboxes-link")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(page.findElement(By.id("at-rest")).getText()).contains("G1").contains("G2").contains("master keys");
        assertThat(page.findElement(By.id("none")).isDisplayed()).isTrue();

        // a shared mailbox with a wrong password: refused, the address kept, the password not
        page.findElement(By.id("kind-shared")).click();
        page.findElement(By.id("address")).sendKeys(shared);
        page.findElement(By.id("password")).sendKeys("wrong");
        page.findElement(By.id("save")).click();
        assertThat(newMessage(page, "")).contains("refused").contains("Nothing was saved");
        assertThat(page.findElement(By.id("address")).getAttribute("value")).isEqualTo(shared);
        assertThat(page.findElement(By.id("kind-shared")).isSelected()).isTrue();
        assertThat(page.findElement(By.id("password")).getAttribute("value")).isEmpty();

        // test without saving, then connect
        String before = page.findElement(By.id("message")).getText();
        page.findElement(By.id("password")).sendKeys(SHARED_PW);
        page.findElement(By.id("test")).click();
        assertThat(newMessage(page, before)).contains("accepted");
        assertThat(page.findElements(By.cssSelector("tr.mailbox"))).isEmpty();
        before = page.findElement(By.id("message")).getText();
        page.findElement(By.id("password")).sendKeys(SHARED_PW);
        page.findElement(By.id("save")).click();
        assertThat(newMessage(page, before)).isEqualTo("Connected " + shared + ".");
        WebElement row = page.findElement(By.cssSelector("tr.mailbox"));
        assertThat(row.findElement(By.className("address")).getText()).isEqualTo(shared);
        assertThat(row.getAttribute("data-state")).isEqualTo("connected");
        browser.browser().screenshot("mailboxes-connected");

        // the server refuses the stored password: the page explains what to do; the new password releases it
        long id = Long.parseLong(row.getAttribute("data-mailbox"));
        jdbc.sql("UPDATE connected_mailboxes SET state = 'needs_reauth' WHERE id = ?").param(id).update();
        page.get(base + "/settings/api/mailboxes");
        assertThat(wait(page, "mailboxes").getText()).contains("queued mail is held").contains("type the new password");
        before = "";
        page.findElement(By.id("replace-" + id)).sendKeys(SHARED_PW);
        page.findElement(By.cssSelector("form.replace button")).click();
        assertThat(newMessage(page, before)).contains("works and is stored");
        assertThat(page.findElement(By.cssSelector("tr.mailbox")).getAttribute("data-state")).isEqualTo("connected");

        // disconnect asks first
        before = page.findElement(By.id("message")).getText();
        page.findElement(By.cssSelector("form.disconnect button")).click();
        wait(page, "confirm-disconnect-yes").click();
        assertThat(newMessage(page, before)).startsWith("Disconnected");
        assertThat(wait(page, "none").isDisplayed()).isTrue();
        assertThat(page.getPageSource()).doesNotContain(SHARED_PW).doesNotContain(OWN_PW);
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
