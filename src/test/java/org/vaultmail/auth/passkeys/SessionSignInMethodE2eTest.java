package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ProblemAssertions;
import org.vaultmail.testing.VirtualAuthenticators;

/**
 * The sessions page says how each session signed in (V58, {@code sessions.sign_in_method}): a session opened with a
 * passkey alone (PRF unlock, ADR 0051) reads "Passkey", not "Password" as it did while only OAuth was recorded.
 * Its own application (a fresh database), so the Dovecot account of PasskeyPrfSignInE2eTest can be used again.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionSignInMethodE2eTest {

    static final String ADDRESS = "pk-prf-a@example.test";
    static final String PASSWORD = "pk-prf-a-pass";

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-session-method-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @Test
    void aPasskeySignInShowsAsPasskeyAndAPasswordSignInAsPassword() {
        WebDriver page = browser.browser().open(base() + "/signin").driver();
        VirtualAuthenticators.add(page, true, true);
        signIn(page);
        VirtualAuthenticators.waitForId(page, "list-pane");
        assertThat(methodOfThisSession(page)).isEqualTo("Password");
        assertThat(VirtualAuthenticators.addPasskey(page, base() + "/settings/security/passkeys", "Laptop", PASSWORD))
                .isEqualTo(ProblemAssertions.englishText(PasskeySettingsController.ADDED));
        enableSignIn(page);

        page.get(base() + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        VirtualAuthenticators.waitForId(page, "passkey-only");
        page.findElement(By.id("passkey-only")).click();
        VirtualAuthenticators.waitForId(page, "passkey-unlock");
        page.findElement(By.id("passkey-unlock")).click();
        VirtualAuthenticators.waitForId(page, "list-pane");

        assertThat(methodOfThisSession(page)).isEqualTo("Passkey");
        assertThat(jdbc.queryForList("SELECT sign_in_method FROM sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE u.address = ? ORDER BY s.created_at", String.class, ADDRESS)).containsExactly("password", "passkey");
    }

    /** The "Signed in with" cell of the row marked as this session. */
    private String methodOfThisSession(WebDriver page) {
        page.get(base() + "/settings/sessions");
        VirtualAuthenticators.waitForId(page, "sessions");
        return page.findElements(By.cssSelector("#sessions tr.session")).stream()
                .filter(row -> !row.findElements(By.cssSelector(".current")).isEmpty())
                .findFirst().orElseThrow().findElement(By.cssSelector("td.method")).getText();
    }

    private void enableSignIn(WebDriver page) {
        page.get(base() + "/settings/security/passkeys");
        page.findElement(By.cssSelector("button.signin-on")).click();
        // sudo mode: fresh after the password proof of the registration, else the confirmation page asks for the passkey
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("passkey-enable")).isEmpty()
                || !d.findElements(By.id("reauth-passkey")).isEmpty());
        if (page.findElements(By.id("passkey-enable")).isEmpty()) {
            page.findElement(By.id("reauth-passkey")).click();
            VirtualAuthenticators.waitForId(page, "passkey-enable");
        }
        page.findElement(By.id("passkey-enable")).click();
        VirtualAuthenticators.waitForId(page, "notice");
    }

    private void signIn(WebDriver page) {
        page.findElement(By.id("address")).sendKeys(ADDRESS);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("submit")).click();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
