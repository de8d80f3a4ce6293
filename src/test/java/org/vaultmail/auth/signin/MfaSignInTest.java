package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vaultmail.auth.Enrolled;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.MfaDisabled;
import org.vaultmail.auth.mfa.MfaEnrolled;
import org.vaultmail.auth.mfa.MfaFailed;
import org.vaultmail.auth.mfa.RecoveryCodeUsed;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;




/** TOTP enrolment and the second sign-in step, over the API and the pages, against GreenMail and H2. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class MfaSignInTest extends AuthAppTestSupport {


    @Autowired
    UserMfa mfa;

    @Autowired
    DataSource dataSource;

    @Autowired
    RecordedEvents recorded;

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** A user who signed in once and enrolled through the settings page; the secret as the page showed it. */

    @Test
    void apiSignInOfAnEnrolledUserNeedsTheCurrentCode() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));

        Reply missing = signIn(user.address(), "pw");
        Reply wrong = signInWithCode(user.address(), "pw", "000000".equals(code(user)) ? "111111" : "000000");
        Reply right = signInWithCode(user.address(), "pw", code(user));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(right.status()).isEqualTo(201);
        assertThat(recorded.events).anySatisfy(e -> assertThat(e).isEqualTo(
                new MfaFailed(idOf(user), user.address(), MfaFailed.Reason.SIGN_IN)));
    }

    @Test
    void wrongPasswordOfAnEnrolledUserDoesNotMentionTheSecondFactor() {
        Enrolled user = enrolThroughThePage();

        Reply wrong = signInWithCode(user.address(), "not-the-pw", code(user));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().has("mfaRequired")).isFalse();
        assertThat(wrong.json().get("detail").asString()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));
    }

    @Test
    void aCodeIsAcceptedOnlyOnceEvenWithinItsWindow() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));
        String code = code(user);

        assertThat(signInWithCode(user.address(), "pw", code).status()).isEqualTo(201);
        assertThat(signInWithCode(user.address(), "pw", code).status()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(30));
        assertThat(signInWithCode(user.address(), "pw", code).status()).as("previous step, already used").isEqualTo(401);
    }

    @Test
    void aRecoveryCodeWorksOnceInsteadOfACode() {
        Enrolled user = enrolThroughThePage();
        String recovery = user.recoveryCodes().get(3).toLowerCase(java.util.Locale.ROOT);

        assertThat(signInWithCode(user.address(), "pw", recovery).status()).isEqualTo(201);
        assertThat(signInWithCode(user.address(), "pw", recovery).status()).isEqualTo(401);
        assertThat(mfa.recoveryCodesLeft(idOf(user))).isEqualTo(9);
        assertThat(recorded.events).contains(new RecoveryCodeUsed(idOf(user), user.address(), 9));
    }

    @Test
    void pageSignInOfAnEnrolledUserAsksForTheCodeWithoutKeepingThePasswordInThePage() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));
        FormClient browser = new FormClient(http());

        Reply afterPassword = browser.signIn(user.address(), "pw");

        assertThat(afterPassword.status()).isEqualTo(302);
        assertThat(afterPassword.header("Location")).endsWith("/signin/code");
        assertThat(browser.jar).containsKey(AuthCookies.PENDING).doesNotContainKeys(AuthCookies.ACCESS, AuthCookies.REFRESH);
        assertThat(afterPassword.headers("Set-Cookie")).filteredOn(c -> c.startsWith(AuthCookies.PENDING))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure", "HttpOnly", "Path=/", "Max-Age=300"));
        Reply codePage = browser.get("/signin/code");
        assertThat(codePage.body()).contains("name=\"code\"").doesNotContain("pw\"", "name=\"password\"");
        assertThat(browser.get("/settings/sessions").status()).as("no session yet").isEqualTo(302);

        Reply wrong = browser.submit("/signin/code", "/signin/code", Map.of("code", "12345x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_WRONG));

        Reply done = browser.submit("/signin/code", "/signin/code", Map.of("code", code(user)));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/");
        assertThat(browser.jar).containsKeys(AuthCookies.ACCESS, AuthCookies.REFRESH, AuthCookies.UNSEAL)
                .doesNotContainKey(AuthCookies.PENDING);
        assertThat(browser.get("/settings/sessions").status()).isEqualTo(200);
    }

    @Test
    void fiveWrongCodesDropThePendingSignIn() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));
        FormClient browser = new FormClient(http());
        browser.signIn(user.address(), "pw");

        for (int i = 0; i < PendingSignIns.MAX_FAILURES - 1; i++) {
            assertThat(browser.submit("/signin/code", "/signin/code", Map.of("code", "abcdef")).status()).isEqualTo(401);
        }
        Reply last = browser.submit("/signin/code", "/signin/code", Map.of("code", "abcdef"));

        assertThat(last.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_EXPIRED));
        assertThat(browser.jar).doesNotContainKey(AuthCookies.PENDING);
    }

    @Test
    void aPendingSignInExpiresAfterFiveMinutes() {
        Enrolled user = enrolThroughThePage();
        FormClient browser = new FormClient(http());
        browser.signIn(user.address(), "pw");
        clock.advance(Duration.ofMinutes(6));

        Reply late = browser.submit("/signin/code", "/signin/code", Map.of("code", code(user)));

        assertThat(late.status()).isEqualTo(401);
        assertThat(late.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_EXPIRED));
    }

    @Test
    void enrolmentNeedsACurrentCodeAndTheQrCodeIsAnSvgForTheSignedInUserOnly() {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        browser.signIn(address, "pw");
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", "pw"));
        Reply page = browser.get("/settings/security");
        String secret = Enrolled.group(Enrolled.SECRET, page.body());

        Reply qr = browser.get("/settings/security/qr.svg");
        assertThat(qr.status()).isEqualTo(200);
        assertThat(qr.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(qr.body()).startsWith("<svg").doesNotContain("<script", "style=");
        assertThat(http().get("/settings/security/qr.svg").status()).as("anonymous").isEqualTo(302);

        Reply wrong = browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", "abcdef"));
        assertThat(wrong.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_WRONG));
        long userId = idOf(address);
        assertThat(mfa.enrolled(userId)).isFalse();

        String code = Totp.standard(clock).code(Base32.decode(secret), Totp.standard(clock).currentStep());
        Reply ok = browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", code));
        assertThat(mfa.enrolled(userId)).isTrue();
        assertThat(Enrolled.RECOVERY.matcher(ok.body()).results().count()).isEqualTo(10);
        assertThat(browser.get("/settings/security/qr.svg").status()).as("no QR once enrolled").isEqualTo(404);
        assertThat(browser.get("/settings/security").body()).doesNotContain(secret).doesNotContain("recovery-code\"");
        assertThat(recorded.events).contains(new MfaEnrolled(userId, address));
    }

    @Test
    void disablingNeedsACurrentCode() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));
        FormClient browser = new FormClient(http());
        browser.signIn(user.address(), "pw");
        browser.submit("/signin/code", "/signin/code", Map.of("code", code(user)));
        clock.advance(Duration.ofSeconds(30));

        Reply wrong = browser.submit("/settings/security", "/settings/security/disable", Map.of("reauthCode", "abcdef"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SignInPageController.CODE_WRONG));
        assertThat(mfa.enrolled(idOf(user))).isTrue();

        browser.submit("/settings/security", "/settings/security/disable", Map.of("reauthCode", code(user)));
        assertThat(mfa.enrolled(idOf(user))).isFalse();
        assertThat(signIn(user.address(), "pw").status()).isEqualTo(201);
        assertThat(recorded.events).contains(new MfaDisabled(idOf(user), user.address()))
                .contains(new MfaFailed(idOf(user), user.address(), MfaFailed.Reason.REAUTHENTICATE));
    }

    @Test
    void aRecoveryCodeAlsoTurnsTwoStepSignInOff() {
        Enrolled user = enrolThroughThePage();
        FormClient browser = new FormClient(http());
        browser.signIn(user.address(), "pw");
        browser.submit("/signin/code", "/signin/code", Map.of("code", user.recoveryCodes().getFirst()));

        browser.submit("/settings/security", "/settings/security/disable", Map.of("reauthCode", user.recoveryCodes().get(1)));

        assertThat(mfa.enrolled(idOf(user))).isFalse();
    }

    @Test
    void theCodeStepWithoutACsrfTokenIsForbidden() {
        Enrolled user = enrolThroughThePage();
        clock.advance(Duration.ofSeconds(60));
        FormClient browser = new FormClient(http());
        browser.signIn(user.address(), "pw");

        Reply reply = http().form("/signin/code", Map.of("code", code(user)), "Cookie", browser.cookies());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers("Set-Cookie")).noneMatch(c -> c.startsWith(AuthCookies.ACCESS + "="));
    }

    @Test
    void theTotpSecretIsNotInTheDatabaseDumpAndItsColumnIsCoveredByKeyStatus(
            org.springframework.boot.test.system.CapturedOutput output) {
        String canary = "Pending-Canary-5b9e1d";
        Enrolled user = enrolThroughThePage(canary);
        FormClient browser = new FormClient(http());
        assertThat(browser.signIn(user.address(), canary).header("Location")).endsWith("/signin/code");
        assertThat(DatabaseDump.of(dataSource)).as("the pending sign-in's password is sealed").doesNotContain(canary);
        assertThat(browser.get("/signin/code").body()).doesNotContain(canary);
        byte[] raw = Base32.decode(user.secret());

        String dump = DatabaseDump.of(dataSource);
        assertThat(dump.toLowerCase(java.util.Locale.ROOT)).contains("user_mfa")
                .doesNotContain(user.secret().toLowerCase(java.util.Locale.ROOT));
        assertThat(dump).doesNotContain(user.secret())
                .doesNotContain(HexFormat.of().formatHex(raw))
                .doesNotContain(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
        for (String c : user.recoveryCodes()) assertThat(dump).doesNotContain(c).doesNotContain(c.replace("-", ""));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        int exit;
        try (java.io.PrintStream capture = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = context.getBean(CommandLineInterface.class).run("keys", List.of("status"));
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("user_mfa.secret");
        assertThat(recorded.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(user.secret()));
        assertThat(output.getAll()).doesNotContain(user.secret()).doesNotContain(user.recoveryCodes().getFirst())
                .doesNotContain(canary);
    }

    // --- helpers

    private Enrolled enrolThroughThePage() {
        return enrolThroughThePage("pw");
    }

    private Enrolled enrolThroughThePage(String password) {
        return Enrolled.throughThePage(http(), clock, newUser(password), password);
    }

    private String code(Enrolled user) {
        return user.code(clock);
    }

    private long idOf(Enrolled user) {
        return idOf(user.address());
    }

    private long idOf(String address) {
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    private Reply signInWithCode(String address, String password, String otp) {
        return http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", password, "otp", otp));
    }

}
