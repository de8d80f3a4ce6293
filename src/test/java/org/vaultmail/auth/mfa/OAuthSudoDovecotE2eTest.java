package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.session.Users;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;

/**
 * A real Chromium signs in with Google on the local authorization server's login page, opens the security settings,
 * clicks "Confirm with Google", is asked by the provider to sign in again although its session there is still open
 * ({@code prompt=login}), comes back in sudo mode, sets up an authenticator app from the secret shown, and sees on the
 * sessions page that the session signed in with Google (ADR 0047).
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthSudoDovecotE2eTest {

    static final String USER = "oauth-sudo2@example.test";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @Autowired
    UserMfa mfa;

    @Autowired
    Users users;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        Assumptions.assumeTrue(LocalAuthorizationServer.shared().offersReauthenticationControls(), "the shared"
                + " authorization server on port 9000 is an older fixture of another test JVM (no prompt=login): run again");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-oauth-sudo-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared()
                .providerProperties(LocalAuthorizationServer.GOOGLE, null, List.of("example.test"));
        google.put("vaultmail.oauth.providers.google.purposes", "mail");
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeEach
    void noSecondFactor() {
        long id = users.idOrFirstSignIn(USER, Instant.now());
        if (mfa.enrolled(id)) mfa.reset(id, USER);
    }

    @Test
    void signedInWithGoogleTheUserConfirmsAtGoogleAgainAndSetsUpAnAuthenticatorApp() throws InterruptedException {
        // 127.0.0.1, not localhost: the authorization server takes loopback redirect URIs by address (RFC 8252)
        String base = "http://127.0.0.1:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("oauth-google")).click();
        signInAtProvider(page);
        waitFor(page, By.id("list-pane"), 30);
        Thread.sleep(1100); // auth_time counts in whole seconds; a person takes longer than one to get to the settings

        page.get(base + "/settings/security");
        assertThat(page.findElements(By.id("enrol-password"))).as("no password to type").isEmpty();
        assertThat(page.findElement(By.id("sudo-status")).getText()).contains("Google");
        page.findElement(By.id("reauth-provider")).click();

        // the provider asks again although this browser is still signed in there
        signInAtProvider(page);
        waitFor(page, By.id("fresh-until"), 30);
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/settings/security");

        page.findElement(By.id("enrol")).click();
        waitFor(page, By.id("secret"), 10);
        String secret = page.findElement(By.id("secret")).getText();
        Totp totp = Totp.standard(Clock.systemUTC());
        page.findElement(By.id("confirm-code")).sendKeys(totp.code(Base32.decode(secret), totp.currentStep()));
        page.findElement(By.id("confirm")).click();
        waitFor(page, By.id("recovery-codes"), 10);
        assertThat(page.findElements(By.cssSelector(".recovery-code"))).hasSize(10);
        assertThat(mfa.enrolled(users.idOrFirstSignIn(USER, Instant.now()))).isTrue();

        page.get(base + "/settings/sessions");
        assertThat(page.findElement(By.cssSelector("tr.session td.method")).getText()).isEqualTo("Google");
    }

    private static void signInAtProvider(WebDriver page) {
        waitFor(page, By.id("username"), 20);
        assertThat(page.getCurrentUrl()).startsWith("http://127.0.0.1:" + LocalAuthorizationServer.SHARED_PORT);
        page.findElement(By.id("username")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys(LocalAuthorizationServer.password(USER));
        page.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static void waitFor(WebDriver page, By element, int seconds) {
        Browser.waitUpTo(page, Duration.ofSeconds(seconds)).until(ExpectedConditions.presenceOfElementLocated(element));
    }
}
