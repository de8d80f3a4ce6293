package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
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
import org.vaultmail.auth.mfa.MfaFixtures;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.CredentialPayload;
import org.vaultmail.auth.session.CredentialSeal;
import org.vaultmail.auth.session.Randoms;
import org.vaultmail.auth.session.Users;
import org.vaultmail.testing.ApiTestApp;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.testing.oauth.OAuthBrowserlessLogin;
import org.vaultmail.vault.Secret;

/**
 * OAuth sign-in (ADR 0045) against the real Dovecot and Postfix, which accept only tokens the local authorization
 * server says are active (introspection) and carry the mail scope: this node configures example.test as Google's
 * domain, so its users never give Vaultmail a password. Signed in through the whole flow (PKCE, state, nonce), the
 * session lists INBOX over IMAP XOAUTH2 and sends over SMTP XOAUTH2; an expired access token is refreshed; a withdrawn
 * consent ends the session; a second factor still applies; the tokens appear in no response, log line or dump.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OAuthSignInDovecotTest {

    static final String USER = "oauth-signin@example.test";
    static final String USER2 = "oauth-signin2@example.test";
    static final String TAG = "vmoauth-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Pattern CONTINUE = Pattern.compile("id=\"oauth-continue-link\" href=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    UserMfa mfa;

    @Autowired
    Users users;

    @Autowired
    CredentialSeal seal;

    static LocalAuthorizationServer as;

    @BeforeAll
    static void servers() {
        DovecotFixture.get();
        as = LocalAuthorizationServer.shared();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ApiTestApp.register(registry, "vaultmail-oauth-signin-");
        DovecotFixture.get().registerDomain(registry, 0);
        // only this node's example.test signs in with "Google" (the password tests' nodes keep passwords)
        Map<String, String> google = LocalAuthorizationServer.shared()
                .providerProperties(LocalAuthorizationServer.GOOGLE, null, List.of("example.test"));
        google.put("vaultmail.oauth.providers.google.purposes", "mail"); // sign-in only
        google.forEach((k, v) -> registry.add(k, () -> v));
    }

    /** A browser that signed in with OAuth: its cookie jar and the page's CSRF token for the JSON API. */
    record Signed(FormClient browser, String csrf) {
        Reply get(HttpCalls http, String path) {
            return http.get(path, "Cookie", browser.cookies());
        }

        Reply send(HttpCalls http, String method, String path, String json) {
            return http.send(method, path, json, "Cookie", browser.cookies(), "X-XSRF-TOKEN", csrf);
        }
    }

    @Test
    void signedInWithGoogleTheSessionListsInboxAndSendsThroughSmtpXoauth2() throws Exception {
        HttpCalls http = new HttpCalls(port);
        Reply page = http.get("/signin");
        assertThat(page.body()).contains("id=\"oauth-google\"").contains("Sign in with");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' " + origin(as.authorizationUri()));

        Signed me = signIn(http, USER);
        assertThat(oauthProvider(USER)).isEqualTo("google");

        Reply folders = me.get(http, "/api/v1/folders");
        assertThat(folders.status()).as(folders.body()).isEqualTo(200);
        assertThat(folders.body()).contains("INBOX"); // Vaultmail never had the IMAP password: this was XOAUTH2
        assertThat(me.get(http, "/api/v1/folders/INBOX/messages").status()).isEqualTo(200);

        String subject = "OAuth sent " + TAG;
        Reply sent = me.send(http, "POST", "/api/v1/messages",
                HttpCalls.json("to", List.of(USER2), "subject", subject, "text", "sent with XOAUTH2"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        Await.until("the message in " + USER2 + "'s INBOX", Duration.ofSeconds(20), () -> arrived(USER2, subject));

        assertThat(me.send(http, "DELETE", "/api/v1/sessions/current", null).status()).isEqualTo(204);
        assertThat(me.get(http, "/api/v1/folders").status()).isEqualTo(401);
    }

    @Test
    void anAddressOfTheOAuthDomainGetsTheProvidersButtonInsteadOfAPasswordCheck() {
        HttpCalls http = new HttpCalls(port);
        FormClient browser = new FormClient(http);
        Reply answer = browser.submit("/signin", "/signin", Map.of("address", USER, "password", "oauth-signin-pass"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"oauth-domain\"").contains("id=\"oauth-continue\"")
                .doesNotContain("id=\"password\"");
        assertThat(browser.jar).doesNotContainKey(AuthCookies.ACCESS); // the password was not even tried
        Reply api = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", USER, "password", "oauth-signin-pass"));
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.json().get("detail").asString()).contains("OAuth");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheMailboxStillOpens() throws Exception {
        HttpCalls http = new HttpCalls(port);
        Signed me;
        LocalAuthorizationServer.Restore ttl = as.accessTokenTtl(Duration.ofSeconds(2));
        try {
            me = signIn(http, USER2);
        } finally {
            ttl.close();
        }
        Thread.sleep(3000); // the access token has expired (the session holds it; its IMAP connection is not open yet)
        int before = as.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token");

        Reply folders = me.get(http, "/api/v1/folders");

        assertThat(folders.status()).as(folders.body()).isEqualTo(200);
        // at least: other test JVMs may share this server and its client
        assertThat(as.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token")).isGreaterThanOrEqualTo(before + 1);
        assertThat(me.get(http, "/api/v1/folders/INBOX/messages").status()).isEqualTo(200);
    }

    @Test
    void whenTheUserWithdrawsConsentTheNextRefreshEndsTheSessionCleanly() {
        HttpCalls http = new HttpCalls(port);
        Signed me;
        LocalAuthorizationServer.Restore ttl = as.accessTokenTtl(Duration.ofSeconds(2));
        try {
            me = signIn(http, USER);
        } finally {
            ttl.close();
        }
        as.revokeAuthorizations(USER);

        Reply folders = me.get(http, "/api/v1/folders");

        assertThat(folders.status()).isEqualTo(401);
        assertThat(folders.body()).contains("Sign in again");
        assertThat(me.get(http, "/api/v1/sessions").status()).as("the session ended").isEqualTo(401);
        Reply mail = me.get(http, "/mail");
        assertThat(mail.status()).isEqualTo(302);
        assertThat(mail.header("Location")).endsWith("/signin");
    }

    @Test
    void aUserWithASecondFactorGetsTheSecondStepAfterTheProvider() {
        long userId = users.idOrFirstSignIn(USER2, Instant.now());
        if (mfa.enrolled(userId)) mfa.reset(userId, USER2);
        List<String> recovery = MfaFixtures.enrolWithRecoveryCodes(mfa, userId, USER2, Clock.systemUTC());
        try {
            HttpCalls http = new HttpCalls(port);
            FormClient browser = new FormClient(http);
            String next = finishFlow(http, browser, USER2);
            assertThat(next).isEqualTo("/signin/code");
            assertThat(browser.jar).doesNotContainKey(AuthCookies.ACCESS).containsKey(AuthCookies.PENDING);

            Reply done = browser.submit("/signin/code", "/signin/code", Map.of("code", recovery.get(0)));
            assertThat(done.status()).isEqualTo(302);
            assertThat(browser.jar).containsKey(AuthCookies.ACCESS);
            assertThat(http.get("/api/v1/folders", "Cookie", browser.cookies()).status()).isEqualTo(200);
        } finally {
            mfa.reset(userId, USER2);
        }
    }

    @Test
    void anAddressTheProviderDoesNotVouchForSignsNobodyIn() {
        // nOAuth: an ID token whose email the provider does not vouch for (here no email_verified) is no identity
        Assumptions.assumeTrue(as.offersSubjectControls(), "the shared authorization server is an older fixture");
        as.nextEmailVerified(USER2, "missing");
        HttpCalls http = new HttpCalls(port);
        FormClient browser = new FormClient(http);

        String next = finishFlow(http, browser, USER2);

        assertThat(next).isEqualTo("/signin?oauth=unverified");
        assertThat(browser.jar).doesNotContainKey(AuthCookies.ACCESS).doesNotContainKey(AuthCookies.PENDING);
        assertThat(browser.get(next).body()).contains("did not confirm that this address belongs to the account");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Await.until("the refusal in the audit log", Duration.ofSeconds(20), () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'signin' AND actor_id = ? AND details LIKE ?", Long.class,
                USER2, "%unverified%") > 0);
        // and the next, vouched-for sign-in works as before
        assertThat(finishFlow(http, new FormClient(http), USER2)).isEqualTo("/");
    }

    @Test
    void theSessionRecordsTheProvidersAccountIssuerAndSubject() {
        signIn(new HttpCalls(port), USER);
        var row = new JdbcTemplate(dataSource).queryForMap("SELECT s.oauth_issuer, s.oauth_subject FROM sessions s"
                + " JOIN users u ON u.id = s.user_id WHERE u.address = ? ORDER BY s.created_at DESC LIMIT 1", USER);
        assertThat(row.get("oauth_issuer")).isEqualTo(as.issuer().toString());
        assertThat(row.get("oauth_subject")).as("the local server's sub is the login name").isEqualTo(USER);
    }

    @Test
    void aCallbackWithAWrongStateIsRefusedAndSignsNobodyIn() {
        HttpCalls http = new HttpCalls(port);
        FormClient browser = new FormClient(http);
        URI authorization = start(browser, USER);
        URI callback = OAuthBrowserlessLogin.callbackFor(authorization, USER);
        String forged = callback.getRawQuery().replaceAll("state=[^&]+", "state=forged" + TAG);

        Reply answer = browser.get(callback.getRawPath() + "?" + forged);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(browser.jar).doesNotContainKey(AuthCookies.ACCESS);
    }

    @Test
    void noTokenAppearsInAnyResponseLogLineOrTheDatabaseDump(CapturedOutput output) {
        HttpCalls http = new HttpCalls(port);
        Signed me = signIn(http, USER);
        assertThat(me.get(http, "/api/v1/folders").status()).isEqualTo(200);
        assertThat(me.get(http, "/settings/sessions").status()).isEqualTo(200);
        assertThat(me.get(http, "/api/v1/sessions").status()).isEqualTo(200);

        List<String> tokens = sessionTokens(me);
        assertThat(tokens).hasSize(2).allSatisfy(t -> assertThat(t).hasSizeGreaterThan(16));
        String dump = DatabaseDump.of(dataSource);
        assertThat(dump).contains("google");
        for (String token : tokens) {
            assertThat(dump).doesNotContain(token);
            assertThat(output.getAll()).doesNotContain(token);
            for (Reply r : http.seen()) assertThat(r.body() + r.headers()).doesNotContain(token);
        }
    }

    /** The access and refresh token the session holds, opened the way only the browser's unseal secret can. */
    private List<String> sessionTokens(Signed me) {
        String cookie = me.browser().jar.get(AuthCookies.UNSEAL);
        byte[] unseal = Randoms.parse(cookie, CredentialSeal.UNSEAL_SECRET_BYTES);
        Map<String, Object> row = new JdbcTemplate(dataSource).queryForMap(
                "SELECT s.id, s.user_id, s.credentials FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.address = ?"
                        + " AND s.revoked_at IS NULL ORDER BY s.created_at DESC LIMIT 1", USER);
        try (Secret payload = seal.open((String) row.get("id"), ((Number) row.get("user_id")).longValue(), unseal,
                (byte[]) row.get("credentials")); CredentialPayload opened = CredentialPayload.decode(payload)) {
            return List.of(opened.oauth().accessToken().revealUtf8(), opened.oauth().refreshToken().revealUtf8());
        }
    }

    private Signed signIn(HttpCalls http, String user) {
        FormClient browser = new FormClient(http);
        assertThat(finishFlow(http, browser, user)).isEqualTo("/");
        assertThat(browser.jar).containsKeys(AuthCookies.ACCESS, AuthCookies.UNSEAL);
        Reply page = browser.get("/settings/sessions");
        assertThat(page.status()).isEqualTo(200);
        Matcher m = CSRF_META.matcher(page.body());
        assertThat(m.find()).isTrue();
        return new Signed(browser, m.group(1));
    }

    /** The flow without a browser: start, the server's login page, the callback; returns the path it continues to. */
    private String finishFlow(HttpCalls http, FormClient browser, String user) {
        URI callback = OAuthBrowserlessLogin.callbackFor(start(browser, user), user);
        Reply answer = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher next = CONTINUE.matcher(answer.body());
        assertThat(next.find()).as(answer.body()).isTrue();
        return next.group(1).replace("&amp;", "&");
    }

    private URI start(FormClient browser, String user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("address", user);
        Reply started = browser.submit("/signin", "/signin/oauth/google", fields);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        URI location = URI.create(started.header("Location"));
        assertThat(location.getRawQuery()).contains("login_hint=").contains("code_challenge=").contains("state=");
        return location;
    }

    private String oauthProvider(String address) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT s.oauth_provider FROM sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE u.address = ? ORDER BY s.created_at DESC LIMIT 1", String.class, address);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static boolean arrived(String address, String subject) {
        try (Store store = DovecotFixture.get().imaps(address, address.substring(0, address.indexOf('@')) + "-pass")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] found = inbox.search(new SubjectTerm(subject));
            for (Message m : found) m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            inbox.close(true);
            return found.length > 0;
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
