package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
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
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.VirtualAuthenticators;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * Passkeys as a second factor in a real Chromium with DevTools virtual authenticators, signing in to the real Dovecot
 * (ADR 0048): register, sign out, password + passkey, the inbox; removal needs sudo mode; user verification off, a
 * second authenticator's passkey and a signature counter going backwards are refused by the server and audited.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasskeyE2eTest {

    static final String A = "pk-a@example.test";
    static final String B = "pk-b@example.test";
    static final String OP = "pk-op@example.test";
    /** A column of the passkeys of the account named by the one parameter. */
    static final String OWN = "SELECT %s FROM user_credentials c JOIN user_entities u ON u.id = c.user_entity_user_id WHERE u.name = ?";

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
        ApiTestApp.register(registry, "vaultmail-passkeys-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        registry.add("vaultmail.notifications.smtp.host", () -> DovecotFixture.HOST);
        registry.add("vaultmail.notifications.smtp.port", () -> DovecotFixture.SMTP_PORT);
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "security@example.test");
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void registerSignOutThenPasswordAndPasskeyOpenTheInboxAndRemovalNeedsSudo(org.springframework.boot.test.system.CapturedOutput output) {
        WebDriver page = start();
        addAuthenticator(page, true);
        signIn(page, A, "pk-a-pass");
        waitFor(page, "list-pane");
        register(page, "Laptop", "pk-a-pass");
        assertThat(page.findElements(By.cssSelector("tr.passkey"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector(".passkey-name")).getText()).isEqualTo("Laptop");
        // what the authenticator sent at registration: public, but never logged or echoed
        String attestation = Base64.getUrlEncoder().withoutPadding().encodeToString(
                jdbc.queryForObject(OWN.formatted("attestation_object"), byte[].class, A));
        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
                jdbc.queryForObject(OWN.formatted("public_key"), byte[].class, A));
        assertThat(page.findElement(By.cssSelector(".passkey-last-used")).getText()).isEqualTo("never");

        signOut(page);
        signIn(page, A, "pk-a-pass");
        waitFor(page, "passkey-use");
        assertThat(page.findElements(By.id("code-form"))).as("no TOTP: no code field").isEmpty();
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "list-pane");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/mail");
        // the IMAP login really happened: the inbox of the real Dovecot is listed
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector("#list-pane")).isEmpty());

        page.get(base() + "/settings/security/passkeys");
        assertThat(page.findElement(By.cssSelector(".passkey-last-used")).getText()).isNotEqualTo("never");
        // a new session has proved nothing: removing is refused with the confirmation page, where a passkey-only user
        // confirms with the passkey (ADR 0048 amendment; PasskeySudoE2eTest has the details)
        page.findElement(By.cssSelector("button.remove")).click();
        waitFor(page, "reauth-passkey");
        assertThat(page.findElement(By.id("reauth-what")).getText()).contains("remove a passkey");
        assertThat(count(OWN.formatted("COUNT(*)"), A)).isEqualTo(1);
        page.findElement(By.id("reauth-passkey")).click();
        waitFor(page, "notice");
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.REMOVED));
        assertThat(page.findElements(By.cssSelector("tr.passkey"))).isEmpty();
        assertThat(page.getPageSource()).doesNotContain("pk-a-pass");

        Await.until("audit of register, use and remove", Duration.ofSeconds(10), () ->
                audit(A).containsAll(List.of("passkey.register:success", "passkey.use:success", "passkey.remove:success")));
        // the user is mailed when a passkey is added and removed (the notification outbox, through the real SMTP server)
        Await.until("notifications of the added and removed passkey", Duration.ofSeconds(15), () -> count(
                "SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind IN ('PASSKEY_ADDED', 'PASSKEY_REMOVED')", A) == 2);
        assertThat(String.join("\n", jdbc.queryForList("SELECT details FROM audit_entry", String.class))).doesNotContain("pk-a-pass")
                .doesNotContain(attestation.substring(0, 40)).doesNotContain(publicKey.substring(0, 40));
        // canary: neither the password nor the credential material is in any log line
        assertThat(output.getAll()).doesNotContain("pk-a-pass").doesNotContain(attestation.substring(0, 40))
                .doesNotContain(publicKey.substring(0, 40));
    }

    @Test
    void userVerificationOffAndACounterGoingBackwardsAreRefusedAndAudited() {
        WebDriver page = start();
        String authenticator = addAuthenticator(page, true);
        signIn(page, B, "pk-b-pass");
        waitFor(page, "list-pane");
        register(page, "Key", "pk-b-pass");
        signOut(page);

        // a cloned authenticator: the stored counter is ahead of what the authenticator sends
        long counter = jdbc.queryForObject(OWN.formatted("signature_count"), Long.class, B);
        // (the uint32 maximum less one: whatever Chromium's counter is, the authenticator's next one is behind it)
        jdbc.update("UPDATE user_credentials SET signature_count = 4294967294 WHERE user_entity_user_id = "
                + "(SELECT id FROM user_entities WHERE name = ?)", B);
        signIn(page, B, "pk-b-pass");
        waitFor(page, "passkey-use");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.COUNTER_REGRESSION.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        assertThat(jdbc.queryForObject(OWN.formatted("signature_count"), Long.class, B)).as("not lowered by the clone")
                .isEqualTo(4294967294L);
        jdbc.update("UPDATE user_credentials SET signature_count = ? WHERE user_entity_user_id = "
                + "(SELECT id FROM user_entities WHERE name = ?)", counter, B);

        // the authenticator stops verifying the user, and a page asks for no verification (a tampered script): the
        // server still refuses an assertion without user verification
        cdp(page, "WebAuthn.setUserVerified", Map.of("authenticatorId", authenticator, "isUserVerified", false));
        ((JavascriptExecutor) page).executeScript("""
                const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
                PublicKeyCredential.parseRequestOptionsFromJSON = (o) => parse({...o, userVerification: 'discouraged'});""");
        page.findElement(By.id("passkey-use")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("error")).getText()
                .equals(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.NOT_VERIFIED.message())));
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/signin/passkey");

        // the untampered page asks for verification, which this authenticator cannot give: the browser says so
        page.findElement(By.id("passkey-use")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(page.findElement(By.id("passkey-error")).getText())
                .isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText("passkeys.js.notAllowed"));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        Await.until("audit of the refusals", Duration.ofSeconds(10), () ->
                audit(B).containsAll(List.of("passkey.verify:failure", "passkey.counter_regression:failure")));
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'passkey.verify' AND actor_id = ?",
                String.class, B)).anyMatch(d -> d.contains("not_verified"));
    }

    @Test
    void aSecondAuthenticatorsPasskeyIsRefused() throws Exception {
        WebDriver page = start();
        String first = addAuthenticator(page, true);
        signIn(page, OP, "pk-op-pass");
        waitFor(page, "list-pane");
        register(page, "Phone", "pk-op-pass");
        signOut(page);

        // the API has no passkey step: the password alone (or with any code) does not open a passkey user's account
        HttpCalls http = new HttpCalls(port);
        HttpCalls.Reply api = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", OP, "password", "pk-op-pass"));
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(http.send("POST", "/api/v1/sessions", HttpCalls.json("address", OP, "password", "pk-op-pass", "otp", "123456"))
                .status()).isEqualTo(401);

        // another authenticator holding a passkey for this site that this account never registered
        cdp(page, "WebAuthn.removeVirtualAuthenticator", Map.of("authenticatorId", first));
        String second = addAuthenticator(page, true);
        var keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"));
        cdp(page, "WebAuthn.addCredential", Map.of("authenticatorId", second, "credential", Map.of(
                "credentialId", Base64.getEncoder().encodeToString("stranger-credential-1".getBytes()),
                "isResidentCredential", true, "rpId", "localhost",
                "privateKey", Base64.getEncoder().encodeToString(keys.generateKeyPair().getPrivate().getEncoded()),
                "userHandle", Base64.getEncoder().encodeToString("stranger".getBytes()), "signCount", 1)));
        signIn(page, OP, "pk-op-pass");
        waitFor(page, "passkey-use");
        // the page allows only this account's passkeys; a tampered script drops that list, so the stranger answers
        ((JavascriptExecutor) page).executeScript("""
                const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
                PublicKeyCredential.parseRequestOptionsFromJSON = (o) => parse({...o, allowCredentials: []});""");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.UNKNOWN_CREDENTIAL.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();

        // the same refusal for a browser that asks for German: the page's text and the script's come from the bundles
        browser.browser().acceptLanguage("de-DE,de");
        page.get(base() + "/signin/code");
        waitFor(page, "passkey-use");
        assertThat(page.findElement(By.id("passkey-error")).getAttribute("data-not-allowed")).startsWith("Die Passkey-Anfrage wurde abgebrochen");
        ((JavascriptExecutor) page).executeScript("""
                const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
                PublicKeyCredential.parseRequestOptionsFromJSON = (o) => parse({...o, allowCredentials: []});""");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo("Dieser Passkey ist für dieses Konto nicht registriert. "
                + "Verwenden Sie einen, den Sie unter Einstellungen, Sicherheit, Passkeys hinzugefügt haben.");
        browser.browser().acceptLanguage("en");
        Await.until("audit of the unknown passkey", Duration.ofSeconds(10), () -> jdbc.queryForList(
                "SELECT details FROM audit_entry WHERE action = 'passkey.verify' AND actor_id = ?", String.class, OP)
                .stream().anyMatch(d -> d.contains("unknown_credential")));
    }

    private WebDriver start() {
        return browser.browser().open(base() + "/signin").driver();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String addAuthenticator(WebDriver page, boolean verifies) {
        return VirtualAuthenticators.add(page, verifies, true);
    }

    private static Map<String, Object> cdp(WebDriver page, String command, Map<String, Object> params) {
        return VirtualAuthenticators.cdp(page, command, params);
    }

    private void register(WebDriver page, String name, String password) {
        assertThat(VirtualAuthenticators.addPasskey(page, base() + "/settings/security/passkeys", name, password))
                .isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.ADDED));
    }

    private void signOut(WebDriver page) {
        page.get(base() + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        waitFor(page, "signin");
    }

    private List<String> audit(String address) {
        return jdbc.queryForList("SELECT action || ':' || outcome FROM audit_entry WHERE actor_id = ?", String.class, address);
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
