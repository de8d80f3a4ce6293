package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.operators.OperatorProofs;
import org.vaultmail.auth.passkeys.PasskeyException;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.auth.policy.PolicyField;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.Browser;
import org.vaultmail.testing.VirtualAuthenticators;
import org.vaultmail.testing.BrowserExtension;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * Operators' console passkeys in a real Chromium with a DevTools virtual authenticator (ADR 0054), with
 * {@code vaultmail.admin.require-passkeys} on: an operator is held at the passkeys page until one is added; then
 * password + passkey signs in; removal needs a proof; an operator's passkey never passes a user's sign-in and a user's
 * never passes the console's (the user signs in to the real Dovecot).
 */
@Tag("e2e")
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorPasskeyE2eTest extends ConsoleTestSupport {

    static final String PASSWORD = "Op-Passkey-Canary-5e21";
    static final String USER = "pk-op@example.test";
    /** A column of the passkeys of the user entity named by the one parameter. */
    static final String OWN = "SELECT %s FROM user_credentials c JOIN user_entities u ON u.id = c.user_entity_user_id WHERE u.name = ?";

    @org.springframework.beans.factory.annotation.Autowired
    AuthPolicies policies;

    @RegisterExtension
    final BrowserExtension browser = new BrowserExtension();

    OperatorPasskeyE2eTest() {
        super(PASSWORD);
    }

    @BeforeAll
    static void dovecot() {
        DovecotFixture.get();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-op-passkeys-e2e-");
        DovecotFixture.get().registerDomain(registry, 0);
        registry.add("vaultmail.admin.require-passkeys", () -> "true");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void requirePasskeysHoldsTheOperatorUntilOneIsAddedThenPasswordAndPasskeySignInAndRemovalNeedsAProof(CapturedOutput output) {
        String name = "pk-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(name);
        WebDriver page = browser.browser().open(base() + "/admin/signin").driver();
        addAuthenticator(page);
        signInWithCode(page, name, code(secret, 0));

        // held: every console page leads to the passkeys page until a passkey exists
        waitFor(page, "required");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/admin/security/passkeys");
        page.get(base() + "/admin/users");
        waitFor(page, "required");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/admin/security/passkeys");

        // adding needs the proof: without a code it is refused
        page.findElement(By.id("passkey-name")).sendKeys("Console key");
        page.findElement(By.id("passkey-add")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(OperatorProofs.WRONG_CODE));
        register(page, "Console key", code(secret, 1));
        assertThat(page.findElements(By.cssSelector("tr.passkey"))).hasSize(1);
        assertThat(page.findElement(By.cssSelector(".passkey-last-used")).getText()).isEqualTo("never");
        assertThat(page.findElements(By.id("required"))).isEmpty();
        page.get(base() + "/admin/users");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/admin/users");
        String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
                jdbc.queryForObject(OWN.formatted("public_key"), byte[].class, "operator:" + name));

        // sign out; password + passkey (no code) signs in
        page.findElement(By.id("admin-signout")).click();
        waitFor(page, "admin-signin");
        signInWithCode(page, name, "");
        waitFor(page, "admin-passkey-use");
        page.findElement(By.id("admin-passkey-use")).click();
        waitFor(page, "nav-audit");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/admin/audit");
        page.get(base() + "/admin/security/passkeys");
        assertThat(page.findElement(By.cssSelector(".passkey-last-used")).getText()).isNotEqualTo("never");

        // removal: refused without a proof and with a wrong code, done with the passkey
        page.findElement(By.cssSelector("button.remove")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(OperatorProofs.WRONG_CODE));
        // a valid, unused code is not a proof either while passkeys are required and the operator has one
        jdbc.update("UPDATE operators SET totp_last_step = -1 WHERE username = ?", name);
        page.findElement(By.cssSelector(".remove-proof")).sendKeys(code(secret, 0));
        page.findElement(By.cssSelector("button.remove")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(OperatorProofs.USE_PASSKEY));
        assertThat(count(OWN.formatted("COUNT(*)"), "operator:" + name)).isEqualTo(1);
        page.findElement(By.cssSelector("button.remove-with-passkey")).click();
        waitFor(page, "notice");
        assertThat(page.findElement(By.id("notice")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(OperatorPasskeysPageController.REMOVED));
        assertThat(count(OWN.formatted("COUNT(*)"), "operator:" + name)).isZero();
        // no passkey left: held again
        page.get(base() + "/admin/audit");
        waitFor(page, "required");
        assertThat(page.getPageSource()).doesNotContain(PASSWORD);

        Await.until("audit of register, use, remove and the refused proofs", Duration.ofSeconds(10), () -> audit(name).containsAll(List.of(
                "operator.passkey.register:success", "operator.passkey.use:success", "operator.passkey.remove:success",
                "operator.signin:success", "operator.reauthenticate:failure", "operator.reauthenticate:success")));
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'operator.signin' AND actor_id = ?", String.class, name))
                .anyMatch(d -> d.contains("passkey"));
        // no key material and no password in the audit log or any log line
        assertThat(String.join("\n", jdbc.queryForList("SELECT details FROM audit_entry", String.class)))
                .doesNotContain(PASSWORD).doesNotContain(publicKey.substring(0, 40));
        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(publicKey.substring(0, 40));
    }

    @Test
    void anOperatorWithoutAPasskeyGetsOnlyThePasskeysPageAndTheApiSaysWhy() {
        String name = "pk-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));
        HttpCalls.Reply users = op.get("/admin/users");
        assertThat(users.status()).isEqualTo(302);
        assertThat(users.header("Location")).endsWith("/admin/security/passkeys");
        HttpCalls.Reply api = op.get("/admin/api/v1/migrations");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).contains("requires a passkey");
        assertThat(op.get("/admin/security/passkeys").status()).isEqualTo(200);
        // the same routes written otherwise never reach a page (CanonicalPaths refuses them before any rule)
        for (String path : List.of("/admin/Users", "/admin/users/", "/admin/security/passkeys/../../users", "/admin/%75sers")) {
            assertThat(op.get(path).status()).as(path).isNotEqualTo(200);
        }

        // the stored policy field overrides the configured default (and blank goes back to it)
        try {
            assertThat(policies.save(policies.view().version(), Map.of(PolicyField.REQUIRE_OPERATOR_PASSKEYS, "off"), "test", null, null)
                    .outcome()).isEqualTo(AuthPolicies.Outcome.SAVED);
            Await.until("the stored policy in force", Duration.ofSeconds(10), () -> op.get("/admin/users").status() == 200);
        } finally {
            policies.save(policies.view().version(), Map.of(PolicyField.REQUIRE_OPERATOR_PASSKEYS, ""), "test", null, null);
        }
        Await.until("the configured default in force again", Duration.ofSeconds(10), () -> op.get("/admin/users").status() == 302);
    }

    @Test
    void thePasskeyStepNamesNoAccountRequiresUserVerificationAndIsOneShot() {
        String name = "pk-" + UUID.randomUUID().toString().substring(0, 6);
        createOperator(name);
        Operator op = new Operator();
        // no pending sign-in: nothing to finish
        HttpCalls.Reply none = op.post("/admin/signin", "/admin/signin/passkey", Map.of("ceremony", "x", "credential", "{}"));
        assertThat(none.status()).isEqualTo(302);
        assertThat(none.header("Location")).endsWith("/admin/signin");

        HttpCalls.Reply step = op.post("/admin/signin", "/admin/signin", Map.of("username", name, "password", PASSWORD, "code", ""));
        assertThat(step.status()).isEqualTo(302);
        assertThat(step.header("Location")).endsWith("/admin/signin/passkey");
        String right = op.get("/admin/signin/passkey").body();
        assertThat(right).contains("&quot;allowCredentials&quot;:[]").contains("&quot;userVerification&quot;:&quot;required&quot;")
                .doesNotContain(name);
        HttpCalls.Reply refused = op.post("/admin/signin/passkey", "/admin/signin/passkey", Map.of("ceremony", "forged", "credential", "{}"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Wrong name, password, code or passkey.");
        assertThat(nameFailures(name)).isEqualTo(1);
        // one shot: the same step cannot be tried again
        HttpCalls.Reply again = op.post("/admin/signin", "/admin/signin/passkey", Map.of("ceremony", "forged", "credential", "{}"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(nameFailures(name)).isEqualTo(1);

        // a wrong password gets the same page (only the ceremony's challenge differs), and is counted once
        Operator other = new Operator();
        other.post("/admin/signin", "/admin/signin", Map.of("username", name, "password", "not-" + PASSWORD, "code", ""));
        String wrong = other.get("/admin/signin/passkey").body();
        assertThat(shape(wrong)).isEqualTo(shape(right));
        assertThat(nameFailures(name)).isEqualTo(2);
    }

    /** A page without its per-ceremony and per-session values (challenge, ceremony id, CSRF token). */
    private static String shape(String page) {
        return page.replaceAll("&quot;challenge&quot;:&quot;[^&]*&quot;", "")
                .replaceAll("name=\"ceremony\" value=\"[^\"]*\"", "").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
                .replaceAll("name=\"csrf-token\" content=\"[^\"]*\"", "");
    }

    /** An operator with a passkey in this test's virtual authenticator, signed out again. */
    record PasskeyOperator(WebDriver page, String name, String secret, String credential) {
    }

    @Test
    void anOperatorsPasskeyNeverPassesAUsersSignIn() {
        PasskeyOperator op = operatorWithPasskey();
        registerUserPasskeyInTheSameAuthenticator(op.page());
        WebDriver page = op.page();

        // the user's sign-in, answered by the operator's passkey (a tampered page asks for it): refused
        userSignIn(page);
        waitFor(page, "passkey-use");
        only(page, op.credential());
        page.findElement(By.id("passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.UNKNOWN_CREDENTIAL.message()));
        assertThat(page.findElements(By.id("list-pane"))).isEmpty();
        Await.until("audit of the refusal", Duration.ofSeconds(10), () ->
                jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'passkey.verify' AND actor_id = ?", String.class, USER)
                        .stream().anyMatch(d -> d.contains("unknown_credential")));
    }

    @Test
    void aUsersPasskeyNeverPassesTheConsolesSignInAndTheRefusalReadsLikeAWrongPassword() {
        PasskeyOperator op = operatorWithPasskey();
        String userCredential = registerUserPasskeyInTheSameAuthenticator(op.page());
        WebDriver page = op.page();
        String name = op.name();

        page.get(base() + "/admin/signin");
        signInWithCode(page, name, "");
        waitFor(page, "admin-passkey-use");
        only(page, userCredential);
        page.findElement(By.id("admin-passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.getCurrentUrl()).isEqualTo(base() + "/admin/signin/passkey");
        assertThat(page.findElements(By.id("admin-signin"))).hasSize(1);
        assertThat(page.findElements(By.id("nav-audit"))).isEmpty();
        assertThat(nameFailures(name)).as("a refused passkey counts as a failed sign-in").isEqualTo(1);
        // it reads like a wrong password: nothing tells that the password was right
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo("Wrong name, password, code or passkey.");
        Await.until("audit of the refusal", Duration.ofSeconds(10), () ->
                jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'operator.passkey.verify' AND actor_id = ?",
                        String.class, name).stream().anyMatch(d -> d.contains("unknown_credential")));
    }

    @Test
    void aWrongPasswordGetsTheSamePasskeyStepAndTheSameRefusalEvenWithTheRightPasskey() {
        PasskeyOperator op = operatorWithPasskey();
        WebDriver page = op.page();
        wrongPasswordThenTheRightPasskey(op);
        assertThat(page.findElements(By.id("nav-audit"))).isEmpty();
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo("Wrong name, password, code or passkey.");
        assertThat(nameFailures(op.name())).as("the wrong password counted once, not again at the passkey step").isEqualTo(1);
    }

    @Test
    void theOperatorsOwnPasskeySignsInAndTheSuccessClearsTheNamesCounter() {
        PasskeyOperator op = operatorWithPasskey();
        WebDriver page = op.page();
        wrongPasswordThenTheRightPasskey(op);
        assertThat(nameFailures(op.name())).as("a failure to clear").isEqualTo(1);

        page.get(base() + "/admin/signin");
        signInWithCode(page, op.name(), "");
        waitFor(page, "admin-passkey-use");
        only(page, op.credential());
        page.findElement(By.id("admin-passkey-use")).click();
        waitFor(page, "nav-audit");
        assertThat(nameFailures(op.name())).as("the success clears the name's counter").isZero();
    }

    @Test
    void aClonedAuthenticatorIsRefusedAuditedAndTheStoredCounterNotLowered() {
        PasskeyOperator op = operatorWithPasskey();
        WebDriver page = op.page();
        // the stored counter is ahead of what the authenticator sends
        jdbc.update("UPDATE user_credentials SET signature_count = 4294967294 WHERE credential_id = ?", op.credential());
        page.get(base() + "/admin/signin");
        signInWithCode(page, op.name(), "");
        waitFor(page, "admin-passkey-use");
        only(page, op.credential());
        page.findElement(By.id("admin-passkey-use")).click();
        waitFor(page, "error");
        assertThat(page.findElement(By.id("error")).getText()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(PasskeyException.Problem.COUNTER_REGRESSION.message()));
        assertThat(jdbc.queryForObject("SELECT signature_count FROM user_credentials WHERE credential_id = ?", Long.class,
                op.credential())).isEqualTo(4294967294L);
        Await.until("audit of the counter regression", Duration.ofSeconds(10), () ->
                audit(op.name()).contains("operator.passkey.counter_regression:failure"));
    }

    @Test
    void withAPasskeyEvenAValidUnusedCodeNoLongerSignsIn() {
        PasskeyOperator op = operatorWithPasskey();
        WebDriver page = op.page();
        // require-passkeys: an operator who has a passkey cannot sign in with the (phishable) code
        jdbc.update("UPDATE operators SET totp_last_step = -1 WHERE username = ?", op.name());
        page.get(base() + "/admin/signin");
        assertThat(page.findElements(By.id("passkeys-required"))).hasSize(1);
        signInWithCode(page, op.name(), code(op.secret(), 0));
        waitFor(page, "error");
        assertThat(page.findElements(By.id("nav-audit"))).isEmpty();
    }

    @Test
    void theCommandLineRemovesAnOperatorsPasskeyLeavesTheUsersAndTheCodeThenHoldsAtThePasskeysPage() {
        PasskeyOperator op = operatorWithPasskey();
        registerUserPasskeyInTheSameAuthenticator(op.page());
        WebDriver page = op.page();
        String name = op.name();
        // a lost authenticator: the command line lists and removes the passkey
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(cli.run("admin", List.of("passkeys", "list", name))).isZero();
            assertThat(cli.run("admin", List.of("passkeys", "remove", name, "no-such-id"))).isEqualTo(1);
            assertThat(cli.run("admin", List.of("passkeys", "remove", name, op.credential()))).isZero();
        } finally {
            System.setOut(stdout);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(op.credential()).contains("Op key")
                .contains("Passkey 'Op key' of operator '" + name + "' removed.");
        assertThat(count(OWN.formatted("COUNT(*)"), "operator:" + name)).isZero();
        assertThat(count(OWN.formatted("COUNT(*)"), USER)).as("the user's passkey is untouched").isEqualTo(1);
        // without a passkey the code works again, and the operator is held at the passkeys page to add a new one
        jdbc.update("UPDATE operators SET totp_last_step = -1 WHERE username = ?", name);
        page.get(base() + "/admin/signin");
        signInWithCode(page, name, code(op.secret(), 0));
        waitFor(page, "required");
        Await.until("audit of the command line's removal", Duration.ofSeconds(10), () ->
                audit("cli").contains("operator.passkey.remove:success"));
    }

    /** A new operator adds a passkey (named "Op key") in a fresh virtual authenticator, then signs out. */
    private PasskeyOperator operatorWithPasskey() {
        String name = "pk-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = createOperator(name);
        WebDriver page = browser.browser().open(base() + "/admin/signin").driver();
        addAuthenticator(page);
        signInWithCode(page, name, code(secret, 0));
        waitFor(page, "required");
        register(page, "Op key", code(secret, 1));
        page.findElement(By.id("admin-signout")).click();
        waitFor(page, "admin-signin");
        String credential = jdbc.queryForObject(OWN.formatted("credential_id"), String.class, "operator:" + name);
        return new PasskeyOperator(page, name, secret, credential);
    }

    /**
     * The user registers a passkey in the same authenticator and signs out; answers its credential id. Passkeys the
     * user kept from an earlier test (another authenticator) are removed first: the user has exactly this one.
     */
    private String registerUserPasskeyInTheSameAuthenticator(WebDriver page) {
        jdbc.update("DELETE FROM user_credentials WHERE user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)", USER);
        page.get(base() + "/signin");
        userSignIn(page);
        waitFor(page, "list-pane");
        page.get(base() + "/settings/security/passkeys");
        page.findElement(By.id("passkey-name")).sendKeys("User key");
        page.findElement(By.id("add-proof")).sendKeys("pk-op-pass");
        page.findElement(By.id("passkey-add")).click();
        waitFor(page, "passkey-create");
        page.findElement(By.id("passkey-create")).click();
        waitFor(page, "notice");
        page.get(base() + "/settings/sessions");
        page.findElement(By.id("logout")).click();
        waitFor(page, "signin");
        return jdbc.queryForObject(OWN.formatted("credential_id"), String.class, USER);
    }

    /** The console's sign-in with a wrong password: the same passkey step follows; the right passkey is refused there. */
    private void wrongPasswordThenTheRightPasskey(PasskeyOperator op) {
        WebDriver page = op.page();
        page.get(base() + "/admin/signin");
        page.findElement(By.id("username")).sendKeys(op.name());
        page.findElement(By.id("password")).sendKeys("not-" + PASSWORD);
        page.findElement(By.id("admin-signin-submit")).click();
        waitFor(page, "admin-passkey-use");
        only(page, op.credential());
        page.findElement(By.id("admin-passkey-use")).click();
        waitFor(page, "error");
    }

    private long nameFailures(String name) {
        return count("SELECT COALESCE(SUM(failures), 0) FROM operator_signin_failures WHERE kind = 'name' AND subject = ?", name);
    }

    /** A tampered page: the next assertion may only be answered by {@code credentialId} (base64url). */
    private static void only(WebDriver page, String credentialId) {
        ((JavascriptExecutor) page).executeScript("""
                const parse = PublicKeyCredential.parseRequestOptionsFromJSON;
                PublicKeyCredential.parseRequestOptionsFromJSON = (o) => parse({...o,
                    allowCredentials: [{type: 'public-key', id: arguments[0]}]});""", credentialId);
    }

    private void userSignIn(WebDriver page) {
        page.findElement(By.id("address")).clear();
        page.findElement(By.id("address")).sendKeys(USER);
        page.findElement(By.id("password")).sendKeys("pk-op-pass");
        page.findElement(By.id("submit")).click();
    }

    private void register(WebDriver page, String passkeyName, String code) {
        assertThat(VirtualAuthenticators.addPasskey(page, base() + "/admin/security/passkeys", passkeyName, code))
                .isEqualTo(org.vaultmail.testing.ProblemAssertions.englishText(OperatorPasskeysPageController.ADDED));
    }

    private static void signInWithCode(WebDriver page, String name, String code) {
        page.findElement(By.id("username")).sendKeys(name);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.id("code")).sendKeys(code);
        page.findElement(By.id("admin-signin-submit")).click();
    }

    private static String addAuthenticator(WebDriver page) {
        return VirtualAuthenticators.add(page, true, false);
    }

    private static Map<String, Object> cdp(WebDriver page, String command, Map<String, Object> params) {
        return VirtualAuthenticators.cdp(page, command, params);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private List<String> audit(String actor) {
        return jdbc.queryForList("SELECT action || ':' || outcome FROM audit_entry WHERE actor_id = ?", String.class, actor);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static void waitFor(WebDriver page, String id) {
        VirtualAuthenticators.waitForId(page, id);
    }

}
