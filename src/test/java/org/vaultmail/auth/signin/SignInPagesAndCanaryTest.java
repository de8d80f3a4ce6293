package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;


/** The browser flow over plain HTTP (forms, cookies, CSRF), and a canary password that must leak nowhere. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInPagesAndCanaryTest extends AuthAppTestSupport {

    static final String CANARY = "Canary-Pw-d41e8b20";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    DataSource dataSource;

    /** Cookies as a browser would send them back. */
    private final Map<String, String> jar = new LinkedHashMap<>();

    @Test
    void formSignInSetsHostCookiesAndLandsOnTheHomePage() {
        String address = newUser("pw");
        Reply reply = formSignIn(address, "pw", true);

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).endsWith("/");
        for (String name : new String[] {AuthCookies.ACCESS, AuthCookies.REFRESH, AuthCookies.UNSEAL}) {
            String setCookie = reply.headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
            assertThat(setCookie).contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax").doesNotContain("Domain=");
        }
        Reply page = http().get("/settings/sessions", "Cookie", cookies());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(address).contains("(this session)");
    }

    @Test
    void formSignInWithoutKeepMeSignedInSetsBrowserSessionCookies() {
        Reply reply = formSignIn(newUser("pw"), "pw", false);

        assertThat(reply.headers("Set-Cookie")).filteredOn(c -> c.startsWith("__Host-vm-") && !c.startsWith(AuthCookies.CSRF)).hasSize(3)
                .allSatisfy(c -> assertThat(c).doesNotContain("Max-Age"));
    }

    @Test
    void wrongPasswordOnTheFormShowsTheGenericMessage() {
        String address = newUser("pw");
        Reply wrong = formSignIn(address, "nope", false);
        Reply unknown = formSignIn("x@unknown-domain.test", "nope", false);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));
    }

    @Test
    void wrongPasswordIsToldInTheLanguageTheBrowserAsksFor() {
        String address = newUser("pw");
        Reply page = keep(http().get("/signin", "Cookie", cookies()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("address", address);
        fields.put("password", "nope");
        fields.put("_csrf", csrfField(page.body()));
        Reply german = keep(http().form("/signin", fields, "Cookie", cookies(), "Accept-Language", "de-DE,de;q=0.9"));
        assertThat(german.status()).isEqualTo(401);
        assertThat(german.body()).contains("Anmeldung fehlgeschlagen: falsche Adresse oder falsches Passwort.");

        Reply french = http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "nope"),
                "Accept-Language", "fr");
        assertThat(french.status()).isEqualTo(401);
        assertThat(french.json().get("detail").asString()).isEqualTo("Échec de la connexion : adresse ou mot de passe incorrect.");
        Reply english = http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "nope"));
        assertThat(english.json().get("detail").asString()).isEqualTo("Sign-in failed: wrong address or password.");
    }

    @Test
    void formSignInWithoutCsrfTokenIsForbidden() {
        Reply reply = http().form("/signin", Map.of("address", newUser("pw"), "password", "pw"));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void pagesNeedASignedInSession() {
        Reply reply = http().get("/settings/sessions");
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).endsWith("/signin");
    }

    @Test
    void expiredAccessCookieIsRefreshedSilentlyWithTheRefreshCookie() {
        formSignIn(newUser("pw"), "pw", true);
        String before = jar.get(AuthCookies.REFRESH);
        clock.advance(Duration.ofMinutes(16));

        Reply page = http().get("/settings/sessions", "Cookie", cookies());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.cookie(AuthCookies.REFRESH)).isNotNull().isNotEqualTo(before);
        assertThat(page.cookie(AuthCookies.ACCESS)).isNotNull();
    }

    @Test
    void signOutFromTheSessionsPageEndsTheSession() {
        formSignIn(newUser("pw"), "pw", false);
        Reply page = keep(http().get("/settings/sessions", "Cookie", cookies()));
        String csrf = csrfField(page.body());

        Reply out = keep(http().form("/signout", Map.of("_csrf", csrf), "Cookie", cookies()));

        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).endsWith("/signin");
        assertThat(http().get("/settings/sessions", "Cookie", cookies()).status()).isEqualTo(302);
    }

    @Test
    void signOutButtonOnTheSessionsPageEndsAnotherSession() {
        String address = newUser("pw");
        JsonNode phone = signIn(address, "pw").json();
        formSignIn(address, "pw", false);
        Reply page = keep(http().get("/settings/sessions", "Cookie", cookies()));
        String phoneId = phone.get("sessionId").asString();
        assertThat(page.body()).contains("data-session=\"" + phoneId + "\"");

        Reply out = keep(http().form("/settings/sessions/" + phoneId + "/revoke", Map.of("_csrf", csrfField(page.body())),
                "Cookie", cookies()));

        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).endsWith("/settings/sessions");
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(phone.get("accessToken").asString())).status()).isEqualTo(401);
        assertThat(http().get("/settings/sessions", "Cookie", cookies()).body()).doesNotContain(phoneId);
    }

    @Test
    void canaryPasswordAppearsInNoResponseNoLogLineAndNoDatabaseRow(CapturedOutput output) {
        String address = newUser(CANARY);
        MAIL.createUser("victim-" + address, "other");

        JsonNode api = signIn(address, CANARY).json();
        signIn("victim-" + address, CANARY);
        signIn("nobody@unknown-domain.test", CANARY);
        signIn("nobody@down.test", CANARY);
        formSignIn(address, CANARY, true);
        formSignIn("victim-" + address, CANARY, true);
        http().get("/settings/sessions", "Cookie", cookies());
        http().get("/api/v1/sessions", "Authorization", bearer(api.get("accessToken").asString()));
        String refresh = api.get("refreshToken").asString();
        http().send("POST", "/api/v1/sessions/refresh", HttpCalls.json("refreshToken", refresh));
        clock.advance(Duration.ofSeconds(11));
        http().send("POST", "/api/v1/sessions/refresh", HttpCalls.json("refreshToken", refresh));

        assertThat(http().seen()).hasSizeGreaterThan(8).allSatisfy(r -> {
            assertThat(r.body()).doesNotContain(CANARY);
            assertThat(r.headers().toString()).doesNotContain(CANARY);
        });
        assertThat(output.getAll()).contains("Refresh token reused").doesNotContain(CANARY);
        assertThat(DatabaseDump.of(dataSource)).contains(address).doesNotContain(CANARY);
    }

    private Reply formSignIn(String address, String password, boolean remember) {
        Reply page = keep(http().get("/signin", "Cookie", cookies()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(jar).as("CSRF cookie").containsKey(AuthCookies.CSRF);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("address", address);
        fields.put("password", password);
        if (remember) fields.put("remember", "true");
        fields.put("_csrf", csrfField(page.body()));
        return keep(http().form("/signin", fields, "Cookie", cookies()));
    }

    /** Stores (or, when emptied, drops) every cookie the response sets, as a browser would. */
    private Reply keep(Reply reply) {
        return CookieJars.keep(jar, reply);
    }

    private String cookies() {
        return CookieJars.header(jar);
    }

    private static String csrfField(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("hidden _csrf field in the form").isTrue();
        return m.group(1);
    }
}
