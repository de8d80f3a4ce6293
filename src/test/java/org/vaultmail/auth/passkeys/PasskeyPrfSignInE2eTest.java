package org.vaultmail.auth.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Sign-in with a passkey alone, PRF unlock (ADR 0051), in a real Chromium with DevTools virtual authenticators
 * ({@code hasPrf}, resident keys, user verification) against the shared Dovecot: enable, sign out, sign in with the
 * passkey alone, read the mail; what cannot unseal (another authenticator, a forged PRF output, a dump plus the master
 * keys); user verification off; the mail password changed on the server; an authenticator without PRF; the operator's
 * per-domain policy; the canary password in no log, page, audit entry or database dump.
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class PasskeyPrfSignInE2eTest {

    static final String A = "pk-prf-a@example.test";
    static final String A_PASSWORD = "pk-prf-a-pass";
    static final String B = "pk-prf-b@example.test";
    static final String C = "pk-prf-c@example.test";
    static final String PW = "pk-prf-pw@example.test";
    static final String DOM = "pk-dom@example.test";
    static final Path DOVECOT_USERS = Path.of("/etc/dovecot/vaultmail-test/users");

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Vault vault;

    @Autowired
    PasskeySignInPolicy policy;

    @Autowired
    org.vaultmail.vault.KeyManagement keyManagement;

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-passkey-prf-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        registry.add("vaultmail.notifications.smtp.host", () -> DovecotFixture.HOST);
        registry.add("vaultmail.notifications.smtp.port", () -> DovecotFixture.SMTP_PORT);
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "security@example.test");
    }

    @Test
    void enablingMakesThePasskeyASignInOfItsOwnAndThePageSaysSo(CapturedOutput output) {
        WebDriver page = start();
        enrolA(page);
        assertThat(page.findElement(By.cssSelector(".passkey-mode .mode-text")).getText()).contains("on its own");
        assertThat(passkeyUnlockRowsOfA()).as("one sealed unlock row").isEqualTo(1);
        assertNoCanary(page, output);
    }

    @Test
    void thePasskeyAloneSignsInAndTheMailboxIsReadWithTheUnlockedPassword(CapturedOutput output) throws Exception {
        String subject = "prf-unlock-" + System.nanoTime();
        seed(A, A_PASSWORD, subject);
        long mails = count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind = 'PASSKEY_SIGNIN_ENABLED'", A);
        long mark = lastAuditSeq();
        WebDriver page = enrolledA().page();

        passkeyOnly(page);
        waitFor(page, "list-pane");
        // the IMAP login with the unlocked password really happened: the seeded message of the real Dovecot is listed
        page.get(base() + "/mail/INBOX");
        Browser.waitUpTo(page, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains(subject));
        Await.until("audit of enable and passkey sign-in", Duration.ofSeconds(10), () -> auditSince(A, mark).containsAll(List.of(
                "passkey.signin_enable:success", "passkey.signin:success", "session.sign_in:success")) || auditSince(A, mark).containsAll(List.of(
                "passkey.signin_enable:success", "passkey.signin:success")));
        Await.until("the mail about sign-in with a passkey", Duration.ofSeconds(15), () -> count(
                "SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind = 'PASSKEY_SIGNIN_ENABLED'", A) == mails + 1);
        assertNoCanary(page, output);
    }

    /** V58: the sessions page says how each session signed in; a passkey sign-in read "Password" before. */
    @Test
    void theSessionsPageSaysWhetherASessionSignedInWithThePasswordOrThePasskey() {
        WebDriver page = start();
        enrolA(page);
        assertThat(methodOfThisSession(page)).isEqualTo("Password");

        signOut(page);
        passkeyOnly(page);
        waitFor(page, "list-pane");

        assertThat(methodOfThisSession(page)).isEqualTo("Passkey");
        assertThat(jdbc.queryForList("SELECT sign_in_method FROM sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE u.address = ? ORDER BY s.created_at DESC LIMIT 2", String.class, A)).containsExactly("passkey", "password");
    }

    @Test
    void aForgedPrfOutputDoesNotUnsealAndIsAudited(CapturedOutput output) {
        long mark = lastAuditSeq();
        WebDriver page = enrolledA().page();

        // a forged PRF output (a tampered page, or another authenticator's): the GCM tag refuses it; audited
        page.findElement(By.id("passkey-only")).click();
        waitFor(page, "passkey-unlock");
        ((JavascriptExecutor) page).executeScript("""
                const get = navigator.credentials.get.bind(navigator.credentials);
                navigator.credentials.get = async (o) => { const c = await get(o); const r = c.getClientExtensionResults();
                  r.prf.results.first = new Uint8Array(32).fill(7).buffer; c.getClientExtensionResults = () => r; return c; };""");
        page.findElement(By.id("passkey-unlock")).click();
        waitForError(page, org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.UNLOCK_FAILED.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        Await.until("audit of the forged PRF output", Duration.ofSeconds(10), () -> jdbc.queryForList(
                "SELECT details FROM audit_entry WHERE action = 'passkey.unlock' AND actor_id = ? AND seq > ?", String.class, A, mark)
                .stream().anyMatch(d -> d.contains("unlock_failed")));
        assertNoCanary(page, output);
    }

    @Test
    void anotherAuthenticatorsPasskeyTheServerNeverEnabledHasNothingToUnlock(CapturedOutput output) throws Exception {
        Enrolled a = enrolledA();
        WebDriver page = a.page();

        // a second authenticator, with a passkey for this site the server never enabled: nothing to unlock
        cdp(page, "WebAuthn.removeVirtualAuthenticator", Map.of("authenticatorId", a.authenticator()));
        String second = addAuthenticator(page, true, true);
        var keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"));
        cdp(page, "WebAuthn.addCredential", Map.of("authenticatorId", second, "credential", Map.of(
                "credentialId", Base64.getEncoder().encodeToString("stranger-prf-1".getBytes()), "isResidentCredential", true,
                "rpId", "localhost", "privateKey", Base64.getEncoder().encodeToString(keys.generateKeyPair().getPrivate().getEncoded()),
                "userHandle", Base64.getEncoder().encodeToString("stranger".getBytes()), "signCount", 1)));
        page.get(base() + "/signin");
        passkeyOnlyClick(page);
        waitForError(page, org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.NOT_ENABLED.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        assertNoCanary(page, output);
    }

    @Test
    void aDumpPlusTheMasterKeysOpensTheOuterLayerButNotTheInnerOne(CapturedOutput output) {
        WebDriver page = enrolledA().page();

        // a dump plus the master keys: the outer layer opens, the inner does not without the authenticator's PRF output
        var row = jdbc.queryForMap("SELECT credential_id, user_id, salt, sealed FROM passkey_unlock WHERE sealed IS NOT NULL"
                + " AND user_id = (SELECT id FROM users WHERE address = ?)", A);
        String credentialId = (String) row.get("credential_id");
        long userId = ((Number) row.get("user_id")).longValue();
        byte[] salt = (byte[]) row.get("salt");
        byte[] inner;
        try (Secret opened = vault.unseal(UnlockSeal.COLUMN.purpose(), UnlockSeal.COLUMN.location(credentialId, userId),
                (byte[]) row.get("sealed"))) {
            inner = opened.revealBytes();
        }
        assertThat(new String(inner, StandardCharsets.ISO_8859_1)).doesNotContain(A_PASSWORD);
        for (byte[] guess : List.of(new byte[32], salt, UnlockSeal.PRF_INPUT, java.util.Arrays.copyOf(credentialId.getBytes(), 32))) {
            try (Secret prf = Secret.copyOf(guess)) {
                assertThatThrownBy(() -> UnlockSeal.openInner(credentialId, userId, prf, salt, inner.clone()))
                        .isInstanceOf(VaultException.class);
            }
        }
        assertNoCanary(page, output);
    }

    @Test
    void theOuterLayerIsARegisteredSealedColumnThatKeysStatusRewrapAndRetireCover() {
        assertThat(keyManagement.columns()).contains(UnlockSeal.COLUMN);
    }

    @Test
    void userVerificationOffIsRefused() {
        WebDriver page = start();
        String authenticator = addAuthenticator(page, true, true);
        signIn(page, B, "pk-prf-b-pass");
        waitFor(page, "list-pane");
        register(page, "Key", "pk-prf-b-pass");
        enable(page);
        signOut(page);

        // the authenticator stops verifying the user, and a tampered page asks for no verification: the server refuses
        cdp(page, "WebAuthn.setUserVerified", Map.of("authenticatorId", authenticator, "isUserVerified", false));
        page.findElement(By.id("passkey-only")).click();
        waitFor(page, "passkey-unlock");
        // (Chromium evaluates PRF only for a verified user and, by credProtect, offers a discoverable credential without
        // verification only when it is named: the tampered page asks for no PRF and names the credential)
        String credentialId = jdbc.queryForObject("SELECT c.credential_id FROM user_credentials c JOIN user_entities u"
                + " ON u.id = c.user_entity_user_id WHERE u.name = ?", String.class, B);
        ((JavascriptExecutor) page).executeScript("""
                document.getElementById('passkey-signin').removeAttribute('data-prf');
                const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
                PublicKeyCredential.parseRequestOptionsFromJSON = (o) => parse({...o, userVerification: 'discouraged',
                  allowCredentials: [{type: 'public-key', id: arguments[0]}]});""", credentialId);
        page.findElement(By.id("passkey-unlock")).click();
        waitForError(page, org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.NOT_VERIFIED.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        // the untampered page asks for verification, which this authenticator cannot give: the browser refuses
        page.findElement(By.id("passkey-unlock")).click();
        Browser.waitUpTo(page, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
    }

    @Test
    void passwordChangedOnTheServerIsAskedOnceThenPasskeySignInWorksAgain() throws Exception {
        WebDriver page = start();
        addAuthenticator(page, true, true);
        signIn(page, PW, "pk-prf-pw-pass");
        waitFor(page, "list-pane");
        register(page, "Phone", "pk-prf-pw-pass");
        enable(page);
        signOut(page);
        String original = Files.readString(DOVECOT_USERS);
        try {
            setDovecotPassword("pk-prf-pw-pass", "pk-prf-pw-new");
            passkeyOnly(page);
            waitFor(page, "reseal-account");
            assertThat(page.findElement(By.id("error")).getText()).contains("was changed on the mail server");
            assertThat(page.findElement(By.id("reseal-account")).getText()).contains(PW);
            page.findElement(By.id("password")).sendKeys("pk-prf-pw-new");
            page.findElement(By.id("passkey-unlock")).click();
            waitFor(page, "list-pane");
            // re-sealed: the next passkey sign-in needs no password
            signOut(page);
            passkeyOnly(page);
            waitFor(page, "list-pane");
            Await.until("audit of the changed password", Duration.ofSeconds(10), () -> jdbc.queryForList(
                    "SELECT details FROM audit_entry WHERE action = 'passkey.unlock' AND actor_id = ?", String.class, PW)
                    .stream().anyMatch(d -> d.contains("password_changed")));
        } finally {
            setDovecotPassword("pk-prf-pw-new", "pk-prf-pw-pass");
        }
        assertThat(Files.readString(DOVECOT_USERS)).contains("pk-prf-pw@example.test:{PLAIN}pk-prf-pw-pass:");
        assertThat(original).contains("pk-prf-pw@example.test:{PLAIN}pk-prf-pw-pass:");
    }

    @Test
    void anAuthenticatorWithoutPrfIsASecondFactorOnlyAndThePageSaysSo() {
        WebDriver page = start();
        addAuthenticator(page, true, false);
        signIn(page, C, "pk-prf-c-pass");
        waitFor(page, "list-pane");
        register(page, "Old key", "pk-prf-c-pass");
        assertThat(mode(page)).isEqualTo("NO_PRF");
        assertThat(page.findElement(By.cssSelector(".passkey-mode .mode-text")).getText()).contains("does not support the PRF extension");
        assertThat(page.findElements(By.cssSelector("button.signin-on"))).isEmpty();
        // as a second factor it works: password, then the passkey
        signOut(page);
        signIn(page, C, "pk-prf-c-pass");
        waitFor(page, "passkey-use");
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "list-pane");
        // and alone it does not
        signOut(page);
        passkeyOnly(page);
        waitForError(page, org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.NOT_ENABLED.message()));
    }

    @Test
    void aDomainWhereThePolicyForbidsItRefusesThePasskeyButtonWithAClearMessage() {
        WebDriver page = start();
        addAuthenticator(page, true, true);
        signIn(page, DOM, "pk-dom-pass");
        waitFor(page, "list-pane");
        register(page, "Desk", "pk-dom-pass");
        enable(page);
        signOut(page);
        try {
            policy.set("example.test", false, "test-operator", null);
            passkeyOnly(page);
            waitForError(page, org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.FORBIDDEN.message()));
            assertThat(page.findElements(By.id("list-pane"))).isEmpty();
            Await.until("audit of the refusal and the policy change", Duration.ofSeconds(10), () -> jdbc.queryForList(
                    "SELECT details FROM audit_entry WHERE action = 'passkey.unlock' AND actor_id = ?", String.class, DOM)
                    .stream().anyMatch(d -> d.contains("forbidden")) && count(
                    "SELECT COUNT(*) FROM audit_entry WHERE action = 'passkey.policy.change' AND target = 'domain:example.test'") >= 1);
            // the password sign-in still works, and the settings page says why the passkey cannot sign in alone
            page.get(base() + "/signin");
            signIn(page, DOM, "pk-dom-pass");
            waitFor(page, "passkey-use");
            page.findElement(By.id("passkey-use")).click();
            waitFor(page, "list-pane");
            page.get(base() + "/settings/security/passkeys");
            assertThat(page.findElement(By.cssSelector(".passkey-mode")).getText()).contains("does not allow");
        } finally {
            policy.set("example.test", null, "test-operator", null);
        }
    }

    /** User A's passkey, enabled for sign-in in a fresh authenticator of this test's browser; the page is signed out. */
    private record Enrolled(WebDriver page, String authenticator) {
    }

    /**
     * Enrols user A afresh: A is a fixed Dovecot user shared by the tests of this class, so the passkeys an earlier test
     * left (in another browser's authenticator; their unlock rows go with them) are removed first and A has exactly one.
     */
    private Enrolled enrolledA() {
        WebDriver page = start();
        String authenticator = enrolA(page);
        signOut(page);
        return new Enrolled(page, authenticator);
    }

    /** On the sign-in page: A signs in with the password, adds a passkey (a second factor), enables it; answers the authenticator. */
    private String enrolA(WebDriver page) {
        jdbc.update("DELETE FROM user_credentials WHERE user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)", A);
        String authenticator = addAuthenticator(page, true, true);
        signIn(page, A, A_PASSWORD);
        waitFor(page, "list-pane");
        register(page, "Laptop", A_PASSWORD);
        assertThat(mode(page)).isEqualTo("SECOND_FACTOR");
        enable(page);
        assertThat(mode(page)).isEqualTo("SIGN_IN");
        return authenticator;
    }

    /** The canary: A's password in no log line, page, audit entry or database dump (the dump holds the unlock rows). */
    private void assertNoCanary(WebDriver page, CapturedOutput output) {
        assertThat(page.getPageSource()).doesNotContain(A_PASSWORD);
        assertThat(output.getAll()).doesNotContain(A_PASSWORD);
        assertThat(String.join("\n", jdbc.queryForList("SELECT details FROM audit_entry", String.class))).doesNotContain(A_PASSWORD);
        String dump = String.join("\n", jdbc.queryForList("SCRIPT", String.class));
        assertThat(dump).containsIgnoringCase("passkey_unlock").doesNotContain(A_PASSWORD)
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(A_PASSWORD.getBytes(StandardCharsets.UTF_8)));
    }

    /** The "Signed in with" cell of the row marked as this session. */
    private String methodOfThisSession(WebDriver page) {
        page.get(base() + "/settings/sessions");
        waitFor(page, "sessions");
        return page.findElements(By.cssSelector("#sessions tr.session")).stream()
                .filter(row -> !row.findElements(By.cssSelector(".current")).isEmpty())
                .findFirst().orElseThrow().findElement(By.cssSelector("td.method")).getText();
    }

    private long passkeyUnlockRowsOfA() {
        return count("SELECT COUNT(*) FROM passkey_unlock WHERE sealed IS NOT NULL AND user_id = (SELECT id FROM users WHERE address = ?)", A);
    }

    private long lastAuditSeq() {
        return count("SELECT COALESCE(MAX(seq), 0) FROM audit_entry");
    }

    private List<String> auditSince(String address, long seq) {
        return jdbc.queryForList("SELECT action || ':' || outcome FROM audit_entry WHERE actor_id = ? AND seq > ?", String.class, address, seq);
    }

    private void enable(WebDriver page) {
        page.get(base() + "/settings/security/passkeys");
        page.findElement(By.cssSelector("button.signin-on")).click();
        // sudo mode: fresh after the password proof of the registration, else the confirmation page asks for the passkey
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("passkey-enable")).isEmpty()
                || !d.findElements(By.id("reauth-passkey")).isEmpty());
        if (page.findElements(By.id("passkey-enable")).isEmpty()) {
            page.findElement(By.id("reauth-passkey")).click();
            waitFor(page, "passkey-enable");
        }
        page.findElement(By.id("passkey-enable")).click();
        waitFor(page, "notice");
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(PasskeySettingsController.SIGNIN_ON));
    }

    private void passkeyOnly(WebDriver page) {
        waitFor(page, "passkey-only");
        passkeyOnlyClick(page);
    }

    private static void passkeyOnlyClick(WebDriver page) {
        page.findElement(By.id("passkey-only")).click();
        waitFor(page, "passkey-unlock");
        page.findElement(By.id("passkey-unlock")).click();
    }

    private static String mode(WebDriver page) {
        return page.findElement(By.cssSelector(".passkey-mode")).getAttribute("data-mode");
    }

    /** Replaces only this test's line of the shared passwd-file (Dovecot re-reads it when it changes). */
    private static synchronized void setDovecotPassword(String from, String to) throws Exception {
        String line = "pk-prf-pw@example.test:{PLAIN}";
        String text = Files.readString(DOVECOT_USERS);
        String updated = text.replace(line + from + ":", line + to + ":");
        if (!updated.equals(text)) Files.writeString(DOVECOT_USERS, updated);
        Thread.sleep(1100); // a new mtime second, so Dovecot sees the change
    }

    private static void seed(String address, String password, String subject) throws Exception {
        try (Store store = DovecotFixture.get().imaps(address, password)) {
            MimeMessage m = new MimeMessage(DovecotFixture.get().imapsSession());
            m.setFrom(new InternetAddress("seed@example.test"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
            m.setSubject(subject);
            m.setText("hello");
            store.getFolder("INBOX").appendMessages(new Message[] {m});
        }
    }

    private WebDriver start() {
        return browser.browser().open(base() + "/signin").driver();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String addAuthenticator(WebDriver page, boolean verifies, boolean prf) {
        return VirtualAuthenticators.add(page, verifies, prf);
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

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static void waitForError(WebDriver page, String message) {
        Browser.waitUpTo(page, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("error")).isEmpty()
                && d.findElement(By.id("error")).getText().equals(message));
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
