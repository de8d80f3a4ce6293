package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.vaultmail.auth.Enrolled;
import org.vaultmail.VaultmailApplication;

import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.signin.SignInLockoutStarted;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Sudo mode (issue 12 item 4, ADR 0026): changing the second factor needs a recent proof of identity in the same
 * session — on the pages and over the API — that lasts {@code reauthentication-window} (5 minutes), covers no other
 * session, and whose wrong guesses (and wrong codes at the confirm step) count as sign-in failures. The user is
 * mailed about every change. Uses only HTTP and SQL, so it also runs (and fails) against the code before the fix.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class RecentAuthenticationTest extends AuthAppTestSupport {

    static final String WRONG_CANARY = "Reauth-Wrong-Canary-8f3a61";
    static final String REQUIRED_TYPE = "tag:vaultmail.org,2026:problem:reauthentication-required";

    @DynamicPropertySource
    static void notifications(DynamicPropertyRegistry registry) {
        // notification mail to the users' own GreenMail mailboxes (ADR 0023)
        registry.add("vaultmail.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.notifications.smtp.port", MAIL::smtpPort);
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.from", () -> "security@example.test");
    }

    @Autowired
    UserMfa mfa;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedEvents recorded;


    // --- pages

    @Test
    void turningTotpOffOnThePageWithoutARecentProofIsRefusedAndAsksForTheCode() {
        Enrolled user = enrolThroughThePage();
        FormClient browser = signedInWithCode(user);

        Reply refused = browser.submit("/settings/security", "/settings/security/disable", Map.of());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("id=\"reauth-form\"").contains("name=\"reauthCode\"")
                .contains("action=\"/settings/security/disable\"");
        assertThat(mfa.enrolled(idOf(user.address()))).isTrue();
    }

    @Test
    void turningTotpOffOnThePageWithAFreshCodeWorksAndTheUserIsMailed() throws Exception {
        Enrolled user = enrolThroughThePage();
        FormClient browser = signedInWithCode(user);
        clock.advance(Duration.ofSeconds(30));

        Reply done = browser.submit("/settings/security", "/settings/security/disable", Map.of("reauthCode", code(user)));

        assertThat(done.status()).isEqualTo(302);
        assertThat(mfa.enrolled(idOf(user.address()))).isFalse();
        assertThat(mailSubjects(user.address(), 2)).contains("Two-step sign-in was turned on for your account",
                "Two-step sign-in was turned off for your account");
    }

    @Test
    void settingUpTotpNeedsThePasswordOfAUserWithoutASecondFactor(CapturedOutput output) {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        browser.signIn(address, "pw");

        Reply refused = browser.submit("/settings/security", "/settings/security/enrol", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("name=\"reauthPassword\"").doesNotContain("name=\"reauthCode\"");
        assertThat(browser.get("/settings/security").body()).doesNotContain("id=\"secret\"");

        Reply wrong = browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", WRONG_CANARY));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("That password is wrong.").doesNotContain(WRONG_CANARY);

        Reply right = browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", "pw"));
        assertThat(right.status()).isEqualTo(302);
        assertThat(browser.get("/settings/security").body()).contains("id=\"secret\"");
        assertThat(output.getAll()).doesNotContain(WRONG_CANARY);
        assertThat(recorded.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(WRONG_CANARY));
    }

    @Test
    void theConfirmationPagePostsTheSameRequestAgainWithWhatTheUserTypedButNoProof() {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        browser.signIn(address, "pw");
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", "pw"));
        String secret = Enrolled.group(Enrolled.SECRET, browser.get("/settings/security").body());
        clock.advance(Duration.ofMinutes(6));

        String code = Totp.standard(clock).code(Base32.decode(secret), Totp.standard(clock).currentStep());
        Reply prompt = browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", code));
        assertThat(prompt.status()).isEqualTo(403);
        assertThat(prompt.body()).contains("action=\"/settings/security/confirm\"")
                .contains("type=\"hidden\" name=\"code\" value=\"" + code + "\"")
                .contains("name=\"reauthPassword\"").doesNotContain("value=\"pw\"");

        Reply done = browser.submitFrom(prompt, "/settings/security/confirm", Map.of("code", code, "reauthPassword", "pw"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(Enrolled.RECOVERY.matcher(done.body()).results().count()).isEqualTo(10);
        assertThat(mfa.enrolled(idOf(address))).isTrue();
    }

    @Test
    void afterTheWindowTheChangeIsRefusedAgain() {
        Enrolled user = enrolThroughThePage();
        FormClient browser = signedInWithCode(user);
        clock.advance(Duration.ofSeconds(30));
        Reply codes = browser.submit("/settings/security", "/settings/security/recovery-codes", Map.of("reauthCode", code(user)));
        assertThat(Enrolled.RECOVERY.matcher(codes.body()).results().count()).isEqualTo(10);
        clock.advance(Duration.ofMinutes(4));
        assertThat(browser.submit("/settings/security", "/settings/security/recovery-codes", Map.of()).status())
                .as("still within five minutes").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Reply late = browser.submit("/settings/security", "/settings/security/disable", Map.of());

        assertThat(late.status()).isEqualTo(403);
        assertThat(mfa.enrolled(idOf(user.address()))).isTrue();
    }

    @Test
    void wrongCodesAtTheConfirmStepCountAsSignInFailuresOfTheAccount() {
        String address = newUser("pw");
        FormClient browser = new FormClient(http());
        browser.signIn(address, "pw");
        browser.submit("/settings/security", "/settings/security/enrol", Map.of("reauthPassword", "pw"));
        Enrolled pending = new Enrolled(address, Enrolled.group(Enrolled.SECRET, browser.get("/settings/security").body()), List.of());
        String wrong = "000000".equals(code(pending)) ? "111111" : "000000";

        for (int i = 0; i < 5; i++) {
            browser.submit("/settings/security", "/settings/security/confirm", Map.of("code", wrong));
        }
        assertThat(mfa.enrolled(idOf(address))).isFalse();

        Reply signIn = signIn(address, "pw");
        assertThat(signIn.status()).as("the account must wait after five wrong codes").isEqualTo(401);
        assertThat(recorded.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SignInLockoutStarted.class,
                l -> assertThat(l.subject()).isEqualTo(address)));
    }

    @Test
    void wrongCodesToTurnTotpOffCountAsSignInFailuresOfTheAccount() {
        Enrolled user = enrolThroughThePage();
        FormClient browser = signedInWithCode(user);
        clock.advance(Duration.ofSeconds(30));
        String wrong = "000000".equals(code(user)) ? "111111" : "000000";

        for (int i = 0; i < 5; i++) {
            browser.submit("/settings/security", "/settings/security/disable", Map.of("reauthCode", wrong, "code", wrong));
        }

        assertThat(mfa.enrolled(idOf(user.address()))).isTrue();
        Reply signIn = http().send("POST", "/api/v1/sessions",
                HttpCalls.json("address", user.address(), "password", "pw", "otp", code(user)));
        assertThat(signIn.status()).as("the account must wait after five wrong codes").isEqualTo(401);
        assertThat(signIn.json().has("mfaRequired")).isFalse();
    }

    // --- API

    @Test
    void apiTurningTotpOffNeedsARecentProofWithAStableProblemType() {
        Enrolled user = enrolThroughThePage();
        String token = apiSession(user);
        clock.advance(Duration.ofSeconds(30));

        Reply refused = http().send("DELETE", "/api/v1/settings/mfa", null, "Authorization", token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo(REQUIRED_TYPE);
        assertThat(refused.json().get("reauthenticate").asString()).isEqualTo("/api/v1/sessions/current/reauthenticate");
        assertThat(refused.json().get("proof").asString()).isEqualTo("otp");
        assertThat(mfa.enrolled(idOf(user.address()))).isTrue();

        Reply wrong = reauthenticate(token, "otp", "000000".equals(code(user)) ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(401);
        Reply proof = reauthenticate(token, "otp", code(user));
        assertThat(proof.status()).isEqualTo(200);
        assertThat(proof.json().get("validForSeconds").asLong()).isEqualTo(300);

        Reply done = http().send("DELETE", "/api/v1/settings/mfa", null, "Authorization", token);
        assertThat(done.status()).isEqualTo(204);
        assertThat(mfa.enrolled(idOf(user.address()))).isFalse();
    }

    @Test
    void theSudoProblemIsInTheLanguageTheClientAsksFor() {
        Enrolled user = enrolThroughThePage();
        String token = apiSession(user);
        clock.advance(Duration.ofSeconds(30));

        Reply french = http().send("DELETE", "/api/v1/settings/mfa", null, "Authorization", token, "Accept-Language", "fr-FR");
        assertThat(french.status()).isEqualTo(403);
        assertThat(french.json().get("title").asString()).isEqualTo("Nouvelle authentification requise");
        assertThat(french.json().get("detail").asString()).startsWith("Cette action demande une preuve récente que c’est bien vous")
                .contains("« otp »", "/api/v1/sessions/current/reauthenticate");
        assertThat(french.json().get("type").asString()).isEqualTo(REQUIRED_TYPE);

        Reply english = http().send("DELETE", "/api/v1/settings/mfa", null, "Authorization", token);
        assertThat(english.json().get("title").asString()).isEqualTo("Re-authentication required");
        assertThat(english.json().get("detail").asString()).isEqualTo("This action needs a recent proof that it is you: POST \"otp\""
                + " (a current code from your authenticator app, or a recovery code) to /api/v1/sessions/current/reauthenticate,"
                + " then repeat the request within the next minutes.");
    }

    @Test
    void apiProofLastsFiveMinutesAndCoversOnlyItsOwnSession() {
        Enrolled user = enrolThroughThePage();
        String first = apiSession(user);
        clock.advance(Duration.ofSeconds(30));
        String second = apiSession(user);
        clock.advance(Duration.ofSeconds(30));
        assertThat(reauthenticate(first, "otp", code(user)).status()).isEqualTo(200);

        Reply other = http().send("POST", "/api/v1/settings/mfa/recovery-codes", null, "Authorization", second);
        assertThat(other.status()).as("another session of the same user").isEqualTo(403);
        assertThat(other.json().get("type").asString()).isEqualTo(REQUIRED_TYPE);

        Reply own = http().send("POST", "/api/v1/settings/mfa/recovery-codes", null, "Authorization", first);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("recoveryCodes")).hasSize(10);

        clock.advance(Duration.ofMinutes(5));
        Reply late = http().send("DELETE", "/api/v1/settings/mfa", null, "Authorization", first);
        assertThat(late.status()).as("after the window").isEqualTo(403);
        assertThat(mfa.enrolled(idOf(user.address()))).isTrue();
    }

    @Test
    void apiPasswordProofOfAUserWithoutASecondFactorIsCheckedByTheMailServer() {
        String address = newUser("pw");
        String token = bearer(signIn(address, "pw").json().get("accessToken").asString());

        Reply state = http().send("GET", "/api/v1/settings/mfa", null, "Authorization", token);
        assertThat(state.json().get("enabled").asBoolean()).isFalse();
        assertThat(state.json().get("proof").asString()).isEqualTo("password");
        assertThat(reauthenticate(token, "password", "not-pw").status()).isEqualTo(401);
        assertThat(reauthenticate(token, "otp", "123456").status()).as("a code is not a password").isEqualTo(403);
        Reply right = reauthenticate(token, "password", "pw");
        assertThat(right.status()).isEqualTo(200);
        assertThat(http().send("GET", "/api/v1/settings/mfa", null, "Authorization", token).json()
                .get("reauthenticatedUntil").isNull()).isFalse();
    }

    @Test
    void replacingRecoveryCodesMailsTheUserAndTheOldCodesStopWorking() throws Exception {
        Enrolled user = enrolThroughThePage();
        String token = apiSession(user);
        clock.advance(Duration.ofSeconds(30));
        reauthenticate(token, "otp", code(user));

        Reply replaced = http().send("POST", "/api/v1/settings/mfa/recovery-codes", null, "Authorization", token);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(http().send("POST", "/api/v1/sessions", HttpCalls.json("address", user.address(), "password", "pw",
                "otp", user.recoveryCodes().getFirst())).status()).as("an old recovery code").isEqualTo(401);
        assertThat(mailSubjects(user.address(), 2)).contains("New recovery codes were made for your account");
    }

    /** Every handler that changes the second factor, on the pages and in the API, demands the proof (ADR 0026). */
    @Test
    void everyChangeOfTheSecondFactorDemandsARecentProof() {
        var handlers = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().equals("org.vaultmail.auth.mfa"))
                .filter(e -> e.getValue().getBeanType() != ReauthenticationApiController.class) // the proof itself
                .filter(e -> e.getValue().getBeanType() != ProviderReauthenticationController.class) // the same, at the provider
                .filter(e -> !e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .toList();

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(e -> assertThat(e.getValue().hasMethodAnnotation(RequiresRecentAuthentication.class))
                        .as(e.getKey().toString()).isTrue());
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    // --- helpers

    private Reply reauthenticate(String token, String field, String value) {
        return http().send("POST", "/api/v1/sessions/current/reauthenticate", HttpCalls.json(field, value), "Authorization", token);
    }

    /** An API session signed in with password and code; its bearer header. */
    private String apiSession(Enrolled user) {
        clock.advance(Duration.ofSeconds(30)); // the code of the previous step was used
        Reply reply = http().send("POST", "/api/v1/sessions", HttpCalls.json("address", user.address(), "password", "pw", "otp", code(user)));
        assertThat(reply.status()).as("API sign-in").isEqualTo(201);
        return bearer(reply.json().get("accessToken").asString());
    }

    private FormClient signedInWithCode(Enrolled user) {
        clock.advance(Duration.ofSeconds(30));
        FormClient browser = new FormClient(http());
        assertThat(browser.signIn(user.address(), "pw").header("Location")).endsWith("/signin/code");
        assertThat(browser.submit("/signin/code", "/signin/code", Map.of("code", code(user))).status()).isEqualTo(302);
        return browser;
    }

    private Enrolled enrolThroughThePage() {
        return Enrolled.throughThePage(http(), clock, newUser("pw"), "pw");
    }

    private String code(Enrolled user) {
        return user.code(clock);
    }

    private long idOf(String address) {
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    /** The subjects of the notification mails in the user's mailbox, once at least {@code atLeast} arrived. */
    private static List<String> mailSubjects(String address, int atLeast) throws Exception {
        Await.until("notification mail to " + address, Duration.ofSeconds(20), () -> received(address).length >= atLeast);
        return Arrays.stream(received(address)).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage[] received(String address) {
        return Arrays.stream(MAIL.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

}
