package org.vaultmail.auth.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;

/** A real Chromium tests and saves an SMTP login on /settings/smtp (forms and CSRF under the strict CSP). */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class SmtpSettingsE2eTest extends AuthAppTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void testConnectionThenSaveShowsTheUsernameButNeverThePassword() {
        String address = newUser("imap-pw");
        String submit = newUser("smtp-pw-e2e");
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys("imap-pw");
        page.findElement(By.id("submit")).click();
        wait(page, "settings-link").click(); // the top bar leads to Settings, which lists the SMTP login
        wait(page, "smtp-link").click();

        wait(page, "smtp");
        page.findElement(By.id("username")).sendKeys(submit);
        page.findElement(By.id("password")).sendKeys("wrong");
        page.findElement(By.id("test")).click();
        assertThat(wait(page, "message").getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SmtpSettings.message(org.vaultmail.mail.SmtpLoginCheck.Outcome.AUTH_FAILED)));

        page.findElement(By.id("password")).sendKeys("smtp-pw-e2e");
        String refused = page.findElement(By.id("message")).getText();
        page.findElement(By.id("save")).click();
        // the test's message is still there until the save's page replaces it: wait for the new one
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> {
            try {
                return !d.findElement(By.id("message")).getText().equals(refused);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        assertThat(wait(page, "message").getText()).startsWith("Saved.");

        page.get(base + "/settings/smtp");
        assertThat(wait(page, "status").getText()).contains(submit);
        assertThat(page.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(page.getPageSource()).doesNotContain("smtp-pw-e2e");
    }

    private static org.openqa.selenium.WebElement wait(WebDriver page, String id) {
        return Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
