package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.VirtualAuthenticators;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sudo mode (ADR 0026) with a passkey (ADR 0048 amendment), in Chromium with a DevTools virtual authenticator and the
 * real Dovecot: a passkey-only user confirms a sensitive change with the passkey and no longer with the mailbox
 * password; a forged ceremony is refused, counted and audited; a user with TOTP and a passkey may use either.
 * {@code GET /api/v1/settings/mfa} lists the passkeys (public id, name, added, last used), never key material.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasskeySudoE2eTest {

    static final String OP = "pk-op@example.test";
    static final String B = "pk-b@example.test";
    static final String OWN = PasskeyE2eTest.OWN;

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
        ApiTestApp.register(registry, "vaultmail-passkeys-sudo-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
    }

    @Test
    void aPasskeyOnlyUserConfirmsWithThePasskeyNotThePassword() {
        WebDriver page = start();
        addAuthenticator(page);
        signIn(page, OP, "pk-op-pass");
        waitFor(page, "list-pane");
        register(page, "Phone", "reauthPassword", "pk-op-pass");
        page.get(base() + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        waitFor(page, "signin");
        signIn(page, OP, "pk-op-pass");
        waitFor(page, "passkey-use");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "list-pane");

        theMfaApiListsThePasskeyWithoutKeyMaterial(page);

        page.get(base() + "/settings/security/passkeys");
        assertThat(page.findElements(By.cssSelector(".remove-proof"))).as("no password field for a passkey-only user").isEmpty();
        assertThat(page.findElement(By.id("sudo-status")).getText()).contains("with your passkey");
        // the mailbox password (a phishing proxy may have it) is no longer a proof: a crafted field is not accepted
        ((JavascriptExecutor) page).executeScript("""
                const f = document.querySelector('.remove-form'); const i = document.createElement('input');
                i.type = 'hidden'; i.name = 'reauthPassword'; i.value = 'pk-op-pass'; f.appendChild(i);""");
        page.findElement(By.cssSelector("button.remove")).click();
        waitFor(page, "reauth-passkey");
        assertThat(page.findElement(By.id("reauth-what")).getText()).contains("remove a passkey");
        assertThat(page.findElements(By.id("reauth-password"))).isEmpty();
        assertThat(page.findElements(By.id("reauth-code"))).isEmpty();
        assertThat(count(OWN.formatted("COUNT(*)"), OP)).isEqualTo(1);

        // a ceremony this session did not start (forged id): refused with its message, counted and audited
        ((JavascriptExecutor) page).executeScript("document.querySelector('[name=reauthCeremony]').value = 'forged-ceremony'");
        page.findElement(By.id("reauth-passkey")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.EXPIRED.message()));
        assertThat(count(OWN.formatted("COUNT(*)"), OP)).isEqualTo(1);

        // the page offers a fresh ceremony: the passkey confirms, the original request runs
        page.findElement(By.id("reauth-passkey")).click();
        waitFor(page, "notice");
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.REMOVED));
        assertThat(count(OWN.formatted("COUNT(*)"), OP)).isZero();
        assertThat(count("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.address = ? "
                + "AND s.reauthenticated_at IS NOT NULL AND s.revoked_at IS NULL", OP)).as("recorded on the session row").isEqualTo(1);

        Await.until("audit of the passkey proofs", Duration.ofSeconds(10), () -> reauthentications(OP)
                .containsAll(List.of("failure:passkey", "success:passkey")));
        assertThat(reauthentications(OP)).as("the password counted only before there was a passkey (the registration)")
                .filteredOn(r -> r.endsWith(":password")).containsExactly("success:password");
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'passkey.verify' AND actor_id = ?",
                String.class, OP)).anyMatch(d -> d.contains("expired"));
        assertThat(String.join("\n", jdbc.queryForList("SELECT details FROM audit_entry", String.class))).doesNotContain("pk-op-pass");
    }

    @Test
    void aUserWithTotpAndAPasskeyMayUseEither() {
        WebDriver page = start();
        addAuthenticator(page);
        signIn(page, B, "pk-b-pass");
        waitFor(page, "list-pane");
        register(page, "Key", "reauthPassword", "pk-b-pass");
        // still in sudo mode from that proof: set up TOTP too
        page.get(base() + "/settings/security");
        page.findElement(By.id("enrol")).click();
        waitFor(page, "secret");
        String secret = page.findElement(By.id("secret")).getText();
        Totp totp = Totp.standard(Clock.systemUTC());
        page.findElement(By.id("confirm-code")).sendKeys(totp.code(Base32.decode(secret), totp.currentStep()));
        page.findElement(By.id("confirm")).click();
        waitFor(page, "enabled");

        page.get(base() + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        waitFor(page, "signin");
        signIn(page, B, "pk-b-pass");
        waitFor(page, "passkey-use");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "list-pane");

        page.get(base() + "/settings/security/passkeys");
        ((JavascriptExecutor) page).executeScript("document.querySelector('.remove-proof').removeAttribute('required')");
        page.findElement(By.cssSelector("button.remove")).click();
        waitFor(page, "reauth-passkey");
        assertThat(page.findElements(By.id("reauth-code"))).as("the code is offered too").hasSize(1);
        assertThat(page.findElements(By.id("reauth-password"))).isEmpty();
        page.findElement(By.id("reauth-passkey")).click();
        waitFor(page, "notice");
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.REMOVED));
        Await.until("audit of the passkey proof", Duration.ofSeconds(10), () -> reauthentications(B).contains("success:passkey"));
    }

    /** {@code GET /api/v1/settings/mfa} with this browser's session: the passkey's public id, name and times only. */
    private void theMfaApiListsThePasskeyWithoutKeyMaterial(WebDriver page) {
        String body = (String) ((JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/settings/mfa').then(r => r.text()).then(done, e => done(String(e)));""");
        JsonNode state = JsonMapper.builder().build().readTree(body);
        assertThat(state.get("enabled").asBoolean()).as("no TOTP").isFalse();
        assertThat(state.get("proof").asString()).isEqualTo("passkey");
        JsonNode passkeys = state.get("passkeys");
        assertThat(passkeys.size()).isEqualTo(1);
        JsonNode passkey = passkeys.get(0);
        assertThat(passkey.propertyNames()).containsExactlyInAnyOrder("id", "name", "created", "lastUsed");
        String id = jdbc.queryForObject(OWN.formatted("credential_id"), String.class, OP); // Spring stores it base64url
        assertThat(passkey.get("id").asString()).isEqualTo(id);
        assertThat(passkey.get("name").asString()).isEqualTo("Phone");
        assertThat(Instant.parse(passkey.get("created").asString())).isBefore(Instant.parse(passkey.get("lastUsed").asString()));
        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(jdbc.queryForObject(OWN.formatted("public_key"), byte[].class, OP));
        String attestation = Base64.getUrlEncoder().withoutPadding().encodeToString(
                jdbc.queryForObject(OWN.formatted("attestation_object"), byte[].class, OP));
        assertThat(body).doesNotContain(publicKey.substring(0, 24)).doesNotContain(attestation.substring(0, 24));
    }

    private List<String> reauthentications(String address) {
        return jdbc.queryForList("SELECT outcome, details FROM audit_entry WHERE action = 'session.reauthenticate' AND actor_id = ?",
                address).stream().map(r -> r.get("outcome") + ":" + method(String.valueOf(r.get("details")))).toList();
    }

    private static String method(String details) {
        for (String m : List.of("passkey", "second_factor", "password", "provider")) {
            if (details.contains("\"" + m + "\"")) return m;
        }
        return details;
    }

    private WebDriver start() {
        return browser.browser().open(base() + "/signin").driver();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static void addAuthenticator(WebDriver page) {
        VirtualAuthenticators.add(page, true, false);
    }

    private void register(WebDriver page, String name, String proofField, String proof) {
        page.get(base() + "/settings/security/passkeys");
        page.findElement(By.id("passkey-name")).sendKeys(name);
        assertThat(page.findElement(By.id("add-proof")).getAttribute("name")).isEqualTo(proofField);
        page.findElement(By.id("add-proof")).sendKeys(proof);
        assertThat(VirtualAuthenticators.createPasskey(page))
                .isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.ADDED));
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static void waitFor(WebDriver page, String id) {
        VirtualAuthenticators.waitForId(page, id);
    }

    private static void signIn(WebDriver page, String address, String password) {
        page.findElement(By.id("address")).clear();
        page.findElement(By.id("address")).sendKeys(address);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("submit")).click();
    }
}
