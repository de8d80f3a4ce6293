package org.vaultmail.auth.signin;

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


/**
 * A real Chromium signs in against GreenMail. It uses {@code http://localhost}: Chromium stores
 * {@code Secure} ({@code __Host-}) cookies from localhost over plain HTTP, as from any HTTPS site.
 */
@Tag("e2e")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class SignInE2eTest extends AuthAppTestSupport {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @Test
    void wrongPasswordShowsTheGenericMessageAndTheRightOneSignsInListsTheSessionAndSignsOut() {
        String address = newUser("right-pw");
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();

        signIn(page, address, "wrong-pw");
        // a refusal is padded to at least 300 ms: wait for the page that says so
        assertThat(Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("error")))
                .getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));

        signIn(page, address, "right-pw");
        // signed in, the front page is the mailbox
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("list-pane")));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/mail");

        page.findElement(By.id("settings-link")).click(); // the top bar leads to Settings, which lists the sessions
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("sessions-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("sessions")));
        assertThat(page.findElement(By.id("who")).getText()).contains(address);
        assertThat(page.findElements(By.cssSelector("tr.session"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector("tr.session .current")).getText()).contains("this session");
        assertThat(page.findElement(By.cssSelector("tr.session .device")).getText()).endsWith("Chrome on Linux");

        page.findElement(By.id("logout")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("signin")));
        page.get(base + "/settings/sessions");
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/signin");
    }

    private static void signIn(WebDriver page, String address, String password) {
        page.findElement(By.id("address")).clear();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }
}
