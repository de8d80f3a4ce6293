package org.vaultmail.migrate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;

/**
 * A user who signed in with Google (ADR 0045; the real Dovecot over XOAUTH2) opens the import page: it says up front
 * that imports into this mailbox are not available yet and why, with the start buttons disabled; a forced submit of
 * either form (the buttons re-enabled by script, as a stale page would send) is refused with the same words, keeps
 * what was typed except the password, and stores nothing (ADR 0049: no password to keep, and the session's tokens
 * are not the job's).
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthSignedInImportE2eTest {

    static final String USER = "oauth-import2@example.test";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        LocalAuthorizationServer.shared();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-oauth-signed-in-import-e2e-");
        registry.add("vaultmail.migrate.enabled", () -> "true");
        registry.add("vaultmail.migrate.oauth-servers.google", () -> "example.test");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared()
                .providerProperties(LocalAuthorizationServer.GOOGLE, null, List.of("example.test"));
        google.put("vaultmail.oauth.providers.google.purposes", "mail,migration-source");
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void theImportPageSaysWhyAndAForcedStartIsRefusedWithoutStoringAnything() {
        LocalAuthorizationServer.shared(); // served again if the test JVM that ran it has exited meanwhile
        String base = "http://127.0.0.1:" + port;
        WebDriver page = browser.browser().open(base + "/signin").driver();
        page.findElement(By.id("oauth-google")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        page.findElement(By.id("username")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys(LocalAuthorizationServer.password(USER));
        page.findElement(By.cssSelector("button[type=submit]")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-link"))).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import")));

        assertThat(page.findElement(By.id("oauth-session")).getText()).contains("imports into this mailbox are not available yet");
        WebElement start = page.findElement(By.id("start"));
        WebElement google = page.findElement(By.cssSelector("form.oauth-start[data-provider='google'] button.oauth-provider"));
        assertThat(start.isEnabled()).isFalse();
        assertThat(google.isEnabled()).isFalse();
        browser.browser().screenshot("oauth-signed-in-import");

        // a password import, forced
        new Select(page.findElement(By.id("server"))).selectByValue("example.test");
        page.findElement(By.id("login")).sendKeys("someone-else@example.test");
        page.findElement(By.id("password")).sendKeys("typed-secret-pass");
        enableAndClick(page, start);
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        assertThat(page.findElement(By.id("message")).getText()).contains("not a password").contains("Nothing was stored");
        assertThat(page.findElement(By.id("login")).getAttribute("value")).isEqualTo("someone-else@example.test");
        assertThat(page.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(page.getPageSource()).doesNotContain("typed-secret-pass");

        // "Import from Google", forced: refused before the provider is asked, no draft
        enableAndClick(page, page.findElement(By.cssSelector("form.oauth-start[data-provider='google'] button.oauth-provider")));
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/settings/import");
        assertThat(page.findElement(By.id("message")).getText()).contains("not a password");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM migration_jobs").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM migration_oauth_drafts").query(Integer.class).single()).isZero();
    }

    private static void enableAndClick(WebDriver page, WebElement button) {
        ((JavascriptExecutor) page).executeScript("arguments[0].disabled = false;", button);
        button.click();
    }
}
