package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;

/**
 * A real Chromium clicks "Sign in with Google" on the sign-in page, signs in on the local authorization server's
 * login page, and lands in the mailbox with INBOX listed, read from the real Dovecot over IMAP XOAUTH2 (ADR 0045).
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthSignInDovecotE2eTest {

    static final String USER = "oauth-signin2@example.test";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        LocalAuthorizationServer.shared();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-oauth-signin-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared()
                .providerProperties(LocalAuthorizationServer.GOOGLE, null, List.of("example.test"));
        google.put("vaultmail.oauth.providers.google.purposes", "mail");
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void signInWithGoogleLandsInTheMailboxWithInboxListed() {
        // 127.0.0.1, not localhost: the authorization server takes loopback redirect URIs by address (RFC 8252)
        String base = "http://127.0.0.1:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();

        page.findElement(By.id("oauth-google")).click();

        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(page.getCurrentUrl()).startsWith("http://127.0.0.1:" + LocalAuthorizationServer.SHARED_PORT);
        page.findElement(By.id("username")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys(LocalAuthorizationServer.password(USER));
        page.findElement(By.cssSelector("button[type=submit]")).click();

        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("list-pane")));
        assertThat(page.getCurrentUrl()).startsWith(base + "/mail");
        assertThat(page.findElements(By.cssSelector("a[data-folder='INBOX'][aria-current='page']"))).isNotEmpty();
        page.get(base + "/settings/sessions");
        assertThat(page.findElement(By.id("who")).getText()).contains(USER);
    }
}
