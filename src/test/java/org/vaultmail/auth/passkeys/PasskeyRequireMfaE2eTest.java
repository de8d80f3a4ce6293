package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.VirtualAuthenticators;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * The operator's require-MFA policy (ADR 0006, 0022) accepts a passkey as the second factor (ADR 0048): a user without
 * one is held at the security settings, can add a passkey there (its page and script pass the gate), and then reaches
 * the mail; the API then asks for the second factor rather than for enrolment.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaultmail.auth.require-mfa=true")
class PasskeyRequireMfaE2eTest {

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-passkeys-require-mfa-");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @Test
    void aPasskeySatisfiesTheRequireMfaPolicy() {
        String base = "http://localhost:" + port;
        HttpCalls http = new HttpCalls(port);
        assertThat(http.send("POST", "/api/v1/sessions", HttpCalls.json("address", PasskeyE2eTest.OP, "password", "pk-op-pass"))
                .status()).as("not enrolled: the API asks for enrolment").isEqualTo(403);

        WebDriver page = browser.browser().open(base + "/signin").driver();
        ChromeDriver chrome = (ChromeDriver) page;
        chrome.executeCdpCommand("WebAuthn.enable", Map.of());
        chrome.executeCdpCommand("WebAuthn.addVirtualAuthenticator", Map.of("options", Map.of("protocol", "ctap2",
                "ctap2Version", "ctap2_1", "transport", "internal", "hasResidentKey", true, "hasUserVerification", true,
                "isUserVerified", true, "automaticPresenceSimulation", true)));
        page.findElement(By.id("address")).sendKeys(PasskeyE2eTest.OP);
        page.findElement(By.id("password")).sendKeys("pk-op-pass");
        page.findElement(By.id("submit")).click();
        waitFor(page, "enrol-form");
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/settings/security");
        page.get(base + "/mail");
        waitFor(page, "enrol-form");

        page.findElement(By.cssSelector("#passkeys-link a")).click();
        page.findElement(By.id("passkey-name")).sendKeys("Laptop");
        page.findElement(By.id("add-proof")).sendKeys("pk-op-pass");
        page.findElement(By.id("passkey-add")).click();
        waitFor(page, "passkey-create");
        page.findElement(By.id("passkey-create")).click();
        waitFor(page, "notice");

        page.get(base + "/mail");
        waitFor(page, "list-pane");
        var api = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", PasskeyE2eTest.OP, "password", "pk-op-pass"));
        assertThat(api.status()).as("enrolled with a passkey: the API asks for the second factor").isEqualTo(401);
        assertThat(api.json().get("mfaRequired").asBoolean()).isTrue();
    }

    private static void waitFor(WebDriver page, String id) {
        VirtualAuthenticators.waitForId(page, id);
    }

}
