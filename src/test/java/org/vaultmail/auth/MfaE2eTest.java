package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vaultmail.testing.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.BrowserExtension;

/** A real Chromium enrols in TOTP from the secret the page shows, signs out, and signs in with password and code. */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class MfaE2eTest extends AuthAppTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void enrolWithTheShownSecretThenSignInNeedsPasswordAndCode() {
        String address = newUser("right-pw");
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        signIn(page, address, "right-pw");
        waitFor(page, "list-pane");

        // setting up needs the password again (sudo mode, ADR 0026), typed into the set-up form itself
        page.get(base + "/settings/security");
        page.findElement(By.id("enrol-password")).sendKeys("right-pw");
        page.findElement(By.id("enrol")).click();
        waitFor(page, "secret");
        Object qrWidth = ((JavascriptExecutor) page).executeScript(
                "const i = document.getElementById('qr'); return i.complete ? i.naturalWidth : 0;");
        assertThat(((Number) qrWidth).intValue()).as("QR image loaded under the CSP").isPositive();
        String secret = page.findElement(By.id("secret")).getText();
        page.findElement(By.id("confirm-code")).sendKeys(code(secret));
        page.findElement(By.id("confirm")).click();
        waitFor(page, "recovery-codes");
        assertThat(page.findElements(By.cssSelector(".recovery-code"))).hasSize(10);
        String firstCodes = page.findElement(By.id("recovery-codes")).getText();

        // the proof lapses while the page is open: the next change asks for a code on a page of its own, then goes ahead
        clock.advance(Duration.ofMinutes(6));
        page.findElement(By.id("new-recovery-codes")).click();
        waitFor(page, "reauth-form");
        assertThat(page.findElement(By.id("reauth-what")).getText()).contains("make new recovery codes");
        page.findElement(By.id("reauth-code")).sendKeys(code(secret));
        page.findElement(By.id("reauth-submit")).click();
        waitFor(page, "recovery-codes");
        assertThat(page.findElements(By.cssSelector(".recovery-code"))).hasSize(10);
        assertThat(page.findElement(By.id("recovery-codes")).getText()).isNotEqualTo(firstCodes);

        page.get(base + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        waitFor(page, "signin");

        clock.advance(Duration.ofSeconds(60));
        signIn(page, address, "right-pw");
        waitFor(page, "code-form");
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/signin/code");
        assertThat(page.getPageSource()).doesNotContain("right-pw");
        page.findElement(By.id("code")).sendKeys(code(secret));
        page.findElement(By.id("submit")).click();
        waitFor(page, "list-pane");
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/mail");

        // a new session has proved nothing yet: turning it off takes a current code in the same form
        clock.advance(Duration.ofSeconds(30));
        page.get(base + "/settings/security");
        page.findElement(By.id("disable-code")).sendKeys(code(secret));
        page.findElement(By.id("disable")).click();
        waitFor(page, "enrol-form");
        assertThat(page.findElement(By.id("status")).getText()).contains("off");
    }

    private String code(String secret) {
        Totp totp = Totp.standard(clock);
        return totp.code(Base32.decode(secret), totp.currentStep());
    }

    private static void waitFor(WebDriver page, String id) {
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static void signIn(WebDriver page, String address, String password) {
        page.findElement(By.id("address")).clear();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("submit")).click();
    }
}
