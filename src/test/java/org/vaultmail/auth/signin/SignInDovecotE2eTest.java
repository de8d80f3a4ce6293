package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;


/**
 * A real Chromium signs in against the real Dovecot (IMAPS with the operator's trust store), and
 * "keep me signed in" survives a browser restart: a new browser profile that receives only the
 * cookies a restarting browser keeps (the persistent ones) is still signed in, and without the box
 * it is not.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInDovecotE2eTest {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get(); // skips (or, in CI, fails) before the context starts when Dovecot is missing
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("vaultmail-dovecot-e2e-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @Test
    void keepMeSignedInSurvivesABrowserRestartAgainstDovecot() {
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();

        signIn(page, DovecotFixture.ALICE, "not-" + DovecotFixture.ALICE_PASSWORD, false);
        // a refusal is padded to at least 300 ms: wait for the page that says so
        assertThat(Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("error")))
                .getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));

        signIn(page, DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, true);
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("list-pane")));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/mail");

        try (Browser restarted = Browser.launch()) {
            WebDriver again = restarted.open(base + "/signin").driver();
            keepPersistentCookies(page.manage().getCookies(), again);
            again.get(base + "/settings/sessions");
            assertThat(again.getCurrentUrl()).isEqualTo(base + "/settings/sessions");
            assertThat(again.findElement(By.id("who")).getText()).contains(DovecotFixture.ALICE);
        }
    }

    @Test
    void withoutKeepMeSignedInABrowserRestartSignsOut() {
        String base = "http://localhost:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        signIn(page, DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD, false);
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("list-pane")));

        try (Browser restarted = Browser.launch()) {
            WebDriver again = restarted.open(base + "/signin").driver();
            keepPersistentCookies(page.manage().getCookies(), again);
            again.get(base + "/settings/sessions");
            assertThat(again.getCurrentUrl()).isEqualTo(base + "/signin");
        }
    }

    /** What a browser restart does to cookies: session cookies (no expiry) are gone, persistent ones stay. */
    private static void keepPersistentCookies(Set<Cookie> cookies, WebDriver restarted) {
        for (Cookie c : cookies) {
            if (c.getExpiry() == null) continue;
            restarted.manage().addCookie(new Cookie.Builder(c.getName(), c.getValue()).path(c.getPath())
                    .isSecure(c.isSecure()).isHttpOnly(c.isHttpOnly()).sameSite(c.getSameSite())
                    .expiresOn(c.getExpiry()).build());
        }
    }

    private static void signIn(WebDriver page, String address, String password, boolean remember) {
        page.findElement(By.id("address")).clear();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(password);
        if (remember != page.findElement(By.id("remember")).isSelected()) page.findElement(By.id("remember")).click();
        page.findElement(By.id("submit")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }
}
