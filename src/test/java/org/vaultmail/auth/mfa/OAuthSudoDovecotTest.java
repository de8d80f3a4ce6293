package org.vaultmail.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.FormClient;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.Users;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.OAuthBrowserlessLogin;

/**
 * Sudo mode for users who sign in with OAuth (ADR 0047), against the real Dovecot (IMAP XOAUTH2) and the local
 * authorization server, on a node whose policy requires a second factor. An OAuth user without one has no mailbox
 * password to type: the proof is a new sign-in at the provider ({@code prompt=login}, {@code max_age=0}), checked for
 * {@code auth_time}, the account and the state, recorded on the session row like a password proof. With it the user
 * enrols TOTP and reaches the mailbox; another account, an old or missing {@code auth_time} and a forged state prove
 * nothing; a user with TOTP still proves with a code; no token of the flow is in a log line, response or the dump.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vaultmail.auth.require-mfa=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OAuthSudoDovecotTest {

    static final String USER = "oauth-sudo@example.test";
    static final String USER2 = "oauth-sudo2@example.test";
    private static final Pattern CONTINUE = Pattern.compile("id=\"oauth-continue-link\" href=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    UserMfa mfa;

    @Autowired
    Users users;

    static LocalAuthorizationServer as;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        as = LocalAuthorizationServer.shared();
        Assumptions.assumeTrue(as.offersReauthenticationControls(), "the shared authorization server on port 9000 is an"
                + " older fixture of another test JVM (no prompt=login, no auth_time controls): run again when it is gone");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-oauth-sudo-");
        DovecotFixture.get().registerDomain(registry, 0);
        Map<String, String> google = LocalAuthorizationServer.shared()
                .providerProperties(LocalAuthorizationServer.GOOGLE, null, List.of("example.test"));
        google.put("vaultmail.oauth.providers.google.purposes", "mail"); // sign-in only
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeEach
    void noSecondFactor() {
        for (String user : List.of(USER, USER2)) {
            long id = users.idOrFirstSignIn(user, Instant.now());
            if (mfa.enrolled(id)) mfa.reset(id, user);
        }
    }

    @Test
    void underRequireMfaAnOAuthUserReauthenticatesAtTheProviderEnrolsTotpAndReachesTheMailbox() {
        HttpCalls http = new HttpCalls(port);
        FormClient browser = signIn(http, USER);
        Reply home = browser.get("/mail");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/settings/security");

        // no password field to be stuck at: the proof is made at the provider
        Reply page = browser.get("/settings/security");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"reauth-provider\"").contains("Confirm with Google")
                .doesNotContain("name=\"reauthPassword\"");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' http://127.0.0.1:" + as.port());

        assertThat(reauthenticate(browser, USER)).isEqualTo("/settings/security");
        assertThat(browser.get("/settings/security").body()).contains("id=\"fresh-until\"");

        assertThat(browser.submit("/settings/security", "/settings/security/enrol", Map.of()).status()).isEqualTo(302);
        Matcher secret = SECRET.matcher(browser.get("/settings/security").body());
        assertThat(secret.find()).as("the authenticator's secret is shown").isTrue();
        Totp totp = Totp.standard(Clock.systemUTC());
        Reply confirmed = browser.submit("/settings/security", "/settings/security/confirm",
                Map.of("code", totp.code(Base32.decode(secret.group(1)), totp.currentStep())));
        assertThat(confirmed.body()).contains("id=\"recovery-codes\"");

        Reply mail = browser.get("/mail");
        assertThat(mail.status()).as("the mailbox, no longer the enrolment page").isEqualTo(200);
        Reply sessions = browser.get("/settings/sessions");
        assertThat(sessions.status()).isEqualTo(200);
        assertThat(sessions.body()).contains("Signed in with").containsPattern("<td class=\"method\">Google</td>");
        awaitAudit("action = 'session.reauthenticate' AND actor_id = ? AND outcome = 'success' AND details LIKE ?",
                USER, "%provider%google%");
    }

    @Test
    void theRequestAsksForANewSignInAndNothingButTheIdentity() {
        FormClient browser = signIn(new HttpCalls(port), USER);
        URI authorization = startReauthentication(browser);

        String query = authorization.getRawQuery();
        assertThat(query).contains("prompt=login").contains("max_age=0").contains("login_hint=oauth-sudo@example.test")
                .contains("scope=openid%20email").contains("code_challenge=").contains("nonce=")
                .doesNotContain("mail.google.com").doesNotContain("access_type").doesNotContain("prompt=consent");
    }

    @Test
    void anotherAccountAtTheProviderIsRefusedWithAClearMessageAndAudited() {
        FormClient browser = signIn(new HttpCalls(port), USER);

        String landed = reauthenticate(browser, USER2);

        assertThat(landed).isEqualTo("/settings/security?reauth=wrong-account");
        Reply page = browser.get(landed);
        assertThat(page.body()).contains("id=\"reauth-error\"").contains("another account")
                .doesNotContain("id=\"fresh-until\"");
        Reply refused = browser.submit("/settings/security", "/settings/security/enrol", Map.of());
        assertThat(refused.status()).as("still no proof").isEqualTo(403);
        // the confirmation page offers the provider, never a password field the user could not fill
        assertThat(refused.body()).contains("id=\"reauth-provider\"").contains("name=\"then\" value=\"/settings/security\"")
                .doesNotContain("name=\"reauthPassword\"");
        assertThat(refused.header("Content-Security-Policy")).contains("form-action 'self' http://127.0.0.1:" + as.port());
        awaitAudit("action = 'session.reauthenticate' AND actor_id = ? AND outcome = 'failure' AND details LIKE ?",
                USER, "%provider%");
    }

    @Test
    void anotherAccountAtTheProviderWithTheSameEmailIsRefusedAuditedAndCounted() {
        // nOAuth: the provider hands back this session's address, but for another account (another sub): not the user
        Assumptions.assumeTrue(as.offersSubjectControls(), "the shared authorization server is an older fixture");
        FormClient browser = signIn(new HttpCalls(port), USER2);
        as.nextSubject(USER2, "another-account-" + UUID.randomUUID());

        String landed = reauthenticate(browser, USER2);

        assertThat(landed).isEqualTo("/settings/security?reauth=wrong-account");
        assertThat(browser.get(landed).body()).contains("id=\"reauth-error\"").contains("even if it shows the same address")
                .doesNotContain("id=\"fresh-until\"");
        assertThat(browser.submit("/settings/security", "/settings/security/enrol", Map.of()).status())
                .as("still no proof").isEqualTo(403);
        awaitAudit("action = 'session.reauthenticate' AND actor_id = ? AND outcome = 'failure' AND details LIKE ?",
                USER2, "%provider%");
        // the same account (its own sub) still proves it
        assertThat(reauthenticate(browser, USER2)).isEqualTo("/settings/security");
    }

    @Test
    void aSessionWithoutARecordedAccountMustSignInAgain() {
        FormClient browser = signIn(new HttpCalls(port), USER2);
        // a session signed in before V52 recorded the provider's account
        new JdbcTemplate(dataSource).update("UPDATE sessions SET oauth_issuer = NULL, oauth_subject = NULL WHERE user_id ="
                + " (SELECT id FROM users WHERE address = ?)", USER2);

        String landed = reauthenticate(browser, USER2);

        assertThat(landed).isEqualTo("/settings/security?reauth=sign-in-again");
        assertThat(browser.get(landed).body()).contains("id=\"reauth-error\"").contains("sign in again with your provider");
        assertThat(browser.submit("/settings/security", "/settings/security/enrol", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aProviderThatDidNotSignTheUserInAgainProvesNothing() {
        FormClient browser = signIn(new HttpCalls(port), USER);
        for (String mode : List.of("stale", "missing")) {
            as.nextAuthTime(USER, mode); // as if it ignored prompt=login and max_age
            String landed = reauthenticate(browser, USER);

            assertThat(landed).as(mode).isEqualTo("/settings/security?reauth=stale");
            assertThat(browser.get(landed).body()).as(mode).contains("did not ask you to sign in again")
                    .doesNotContain("id=\"fresh-until\"");
        }
        as.nextAuthTime(USER, "real");
        awaitAudit("action = 'session.reauthenticate' AND actor_id = ? AND outcome = 'stale'", USER);
    }

    @Test
    void aCallbackWithAWrongStateIsRefusedAndProvesNothing() {
        FormClient browser = signIn(new HttpCalls(port), USER);
        URI callback = OAuthBrowserlessLogin.callbackFor(startReauthentication(browser), USER);
        String forged = callback.getRawQuery().replaceAll("state=[^&]+", "state=forged-state");

        Reply answer = browser.get(callback.getRawPath() + "?" + forged);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(browser.get("/settings/security").body()).doesNotContain("id=\"fresh-until\"");
    }

    @Test
    void aUserWithTotpStillProvesWithTheCodeNotAtTheProvider() {
        long id = users.idOrFirstSignIn(USER2, Instant.now());
        List<String> recovery = MfaFixtures.enrolWithRecoveryCodes(mfa, id, USER2, Clock.systemUTC());
        HttpCalls http = new HttpCalls(port);
        FormClient browser = new FormClient(http);
        assertThat(finishSignIn(browser, USER2)).isEqualTo("/signin/code");
        assertThat(browser.submit("/signin/code", "/signin/code", Map.of("code", recovery.get(0))).status()).isEqualTo(302);

        Reply page = browser.get("/settings/security");
        assertThat(page.body()).contains("name=\"reauthCode\"").doesNotContain("id=\"reauth-provider\"");
        Reply started = browser.submit("/settings/security", "/settings/security/reauthenticate/provider",
                Map.of("then", "/settings/security"));
        assertThat(started.status()).isEqualTo(302);
        assertThat(started.header("Location")).as("no flow at the provider").endsWith("/settings/security");
        Reply sessions = browser.get("/settings/sessions");
        assertThat(sessions.body()).containsPattern("<td class=\"method\">Google</td>");
    }

    @Test
    void noTokenOfTheReauthenticationAppearsInAnyResponseLogLineOrTheDump(CapturedOutput output) {
        HttpCalls http = new HttpCalls(port);
        FormClient browser = signIn(http, USER);
        Map<String, String> atSignIn = as.lastIssued(USER);
        assertThat(reauthenticate(browser, USER)).isEqualTo("/settings/security");

        Map<String, String> issued = as.lastIssued(USER);
        assertThat(issued.get("access_token")).isNotEqualTo(atSignIn.get("access_token"));
        assertThat(issued.get("id_token")).isNotEqualTo(atSignIn.get("id_token"));
        assertThat(issued.get("refresh_token")).as("no refresh token for a re-authentication")
                .isEqualTo(atSignIn.get("refresh_token"));
        String dump = DatabaseDump.of(dataSource);
        for (String token : List.of(issued.get("access_token"), issued.get("id_token"))) {
            assertThat(dump).doesNotContain(token);
            assertThat(output.getAll()).doesNotContain(token);
            for (Reply r : http.seen()) assertThat(r.body() + r.headers()).doesNotContain(token);
        }
    }

    // ---- helpers

    /** Signs in with Google (no second factor): the session's cookies in a form client. */
    private FormClient signIn(HttpCalls http, String user) {
        FormClient browser = new FormClient(http);
        assertThat(finishSignIn(browser, user)).isEqualTo("/");
        assertThat(browser.jar).containsKeys(AuthCookies.ACCESS, AuthCookies.UNSEAL);
        pastTheSignInsSecond();
        return browser;
    }

    /**
     * {@code auth_time} has a resolution of one second, and a re-authentication counts only if it is after the
     * session's own sign-in: a person takes longer than that, a test waits.
     */
    private static void pastTheSignInsSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String finishSignIn(FormClient browser, String user) {
        Reply started = browser.submit("/signin", "/signin/oauth/google", Map.of("address", user));
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        return follow(browser, OAuthBrowserlessLogin.callbackFor(URI.create(started.header("Location")), user));
    }

    /** "Confirm with Google": the authorization URL Vaultmail redirects to. */
    private URI startReauthentication(FormClient browser) {
        Reply started = browser.submit("/settings/security", "/settings/security/reauthenticate/provider",
                Map.of("then", "/settings/security"));
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        URI location = URI.create(started.header("Location"));
        assertThat(location.getPort()).isEqualTo(as.port());
        return location;
    }

    /** Re-authenticates at the provider, signing in there (afresh) as {@code atProvider}; the path it continues to. */
    private String reauthenticate(FormClient browser, String atProvider) {
        return follow(browser, OAuthBrowserlessLogin.callbackFor(startReauthentication(browser), atProvider));
    }

    /** Calls Vaultmail's callback with the browser's cookies; the local path its continuation page leads to. */
    private static String follow(FormClient browser, URI callback) {
        Reply answer = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher next = CONTINUE.matcher(answer.body());
        assertThat(next.find()).as(answer.body()).isTrue();
        return next.group(1).replace("&amp;", "&");
    }

    private void awaitAudit(String where, Object... args) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Await.until("an audit entry where " + where, Duration.ofSeconds(20), () -> {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE " + where, Long.class, args);
            return n != null && n > 0;
        });
    }
}
