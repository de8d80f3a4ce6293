package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.session.AuthCookies;
import org.vaultmail.auth.session.InvalidRefreshTokenException;
import org.vaultmail.auth.session.Issued;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.auth.signin.SessionsApiController;
import org.vaultmail.auth.signin.SignIn;
import org.vaultmail.auth.signin.SignInFailed;
import org.vaultmail.auth.signin.SignInSucceeded;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;





/** The sessions API end to end: real GreenMail, H2, HTTP on a random port. */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class SessionsApiTest extends AuthAppTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommandLineInterface cli;

    @Autowired
    Sessions sessions;

    @Autowired
    SignIn signIn;

    @Autowired
    RecordedEvents recorded;

    @Test
    void signInWithTheRightPasswordReturnsTokensAndCreatesTheUser() {
        String address = newUser("right-pw");
        Reply reply = signIn(address.toUpperCase(java.util.Locale.ROOT), "right-pw");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.get("accessToken").asString()).contains(".");
        assertThat(body.get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.get("sessionId").asString()).matches("[A-Za-z0-9_-]{22}");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE address = ?").param(address).query(Long.class).single()).isEqualTo(1);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(body.get("accessToken").asString())).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownDomainGetTheSameAnswer() {
        String address = newUser("right-pw");
        Reply wrong = signIn(address, "wrong-pw");
        Reply unknown = signIn("nobody@unknown-domain.test", "wrong-pw");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.json().get("detail").asString()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SIGN_IN_FAILED));
    }

    @Test
    void spoofedForwardedForIsIgnoredWhenNoProxyIsTrusted() {
        String address = newUser("pw");
        Reply signedIn = http().send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", "pw"),
                "X-Forwarded-For", "203.0.113.9");

        Reply list = http().get("/api/v1/sessions", "Authorization", bearer(signedIn.json().get("accessToken").asString()));
        assertThat(list.json().get(0).get("clientAddress").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void unreachableMailServerGetsItsOwnMessage() {
        Reply reply = signIn("someone@down.test", "pw");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).isEqualTo(org.vaultmail.testing.ProblemAssertions.english(SessionsApiController.SERVER_UNREACHABLE));
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        JsonNode first = signIn(newUser("pw"), "pw").json();
        Reply refreshed = refresh(first.get("refreshToken").asString());

        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode second = refreshed.json();
        assertThat(second.get("refreshToken").asString()).isNotEqualTo(first.get("refreshToken").asString());
        assertThat(second.get("sessionId").asString()).isEqualTo(first.get("sessionId").asString());
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(second.get("accessToken").asString())).status()).isEqualTo(200);
        assertThat(refresh(second.get("refreshToken").asString()).status()).isEqualTo(200);
    }

    @Test
    void refreshTokenReusedAfterRotationRevokesTheWholeSession() {
        JsonNode first = signIn(newUser("pw"), "pw").json();
        JsonNode second = refresh(first.get("refreshToken").asString()).json();
        clock.advance(Duration.ofSeconds(11));

        Reply reuse = refresh(first.get("refreshToken").asString());

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(refresh(second.get("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(second.get("accessToken").asString())).status()).isEqualTo(401);
    }

    @Test
    void refreshTokenFromSeveralRotationsAgoAlsoRevokesTheSession() {
        JsonNode first = signIn(newUser("pw"), "pw").json();
        JsonNode latest = first;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(11));
            latest = refresh(latest.get("refreshToken").asString()).json();
        }

        assertThat(refresh(first.get("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(refresh(latest.get("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(latest.get("accessToken").asString())).status()).isEqualTo(401);
    }

    @Test
    void concurrentRefreshWithinTheGraceWindowGetsTheSameSuccessor() throws Exception {
        JsonNode first = signIn(newUser("pw"), "pw").json();
        String token = first.get("refreshToken").asString();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Reply>> calls = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return refresh(token);
                })).toList();
        go.countDown();
        List<Reply> replies = calls.stream().map(CompletableFuture::join).toList();
        clock.advance(Duration.ofSeconds(5));
        Reply late = refresh(token);

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies.stream().map(r -> r.json().get("refreshToken").asString()).distinct()).hasSize(1);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().get("refreshToken").asString()).isEqualTo(replies.getFirst().json().get("refreshToken").asString());
        assertThat(refresh(late.json().get("refreshToken").asString()).status()).isEqualTo(200);
    }

    @Test
    void sessionRevokedFromAnotherSessionLosesItsAccessTokenAtOnce() {
        String address = newUser("pw");
        JsonNode phone = signIn(address, "pw").json();
        JsonNode laptop = signIn(address, "pw").json();
        String phoneAccess = bearer(phone.get("accessToken").asString());
        assertThat(http().get("/api/v1/sessions", "Authorization", phoneAccess).status()).isEqualTo(200);

        Reply revoked = http().send("DELETE", "/api/v1/sessions/" + phone.get("sessionId").asString(), null,
                "Authorization", bearer(laptop.get("accessToken").asString()));

        assertThat(revoked.status()).isEqualTo(204);
        Reply after = http().get("/api/v1/sessions", "Authorization", phoneAccess);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refresh(phone.get("refreshToken").asString()).status()).isEqualTo(401);
    }

    @Test
    void sessionsListShowsOwnSessionsAndMarksTheCurrentOne() {
        String address = newUser("pw");
        JsonNode a = signIn(address, "pw").json();
        signIn(address, "pw");
        signIn(newUser("pw"), "pw");

        JsonNode list = http().get("/api/v1/sessions", "Authorization", bearer(a.get("accessToken").asString()), "User-Agent", "t").json();

        assertThat(list.size()).isEqualTo(2);
        assertThat(list.valueStream().filter(s -> s.get("current").asBoolean()).map(s -> s.get("id").asString()))
                .containsExactly(a.get("sessionId").asString());
        assertThat(list.get(0).has("clientAddress")).isTrue();
        assertThat(list.get(0).has("lastSeenAt")).isTrue();
    }

    @Test
    void revokingSomeoneElsesSessionIsNotFound() {
        JsonNode mine = signIn(newUser("pw"), "pw").json();
        JsonNode theirs = signIn(newUser("pw"), "pw").json();

        Reply reply = http().send("DELETE", "/api/v1/sessions/" + theirs.get("sessionId").asString(), null,
                "Authorization", bearer(mine.get("accessToken").asString()));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(theirs.get("accessToken").asString())).status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheCurrentSession() {
        JsonNode s = signIn(newUser("pw"), "pw").json();
        String access = bearer(s.get("accessToken").asString());

        assertThat(http().send("DELETE", "/api/v1/sessions/current", null, "Authorization", access).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/sessions", "Authorization", access).status()).isEqualTo(401);
        assertThat(refresh(s.get("refreshToken").asString()).status()).isEqualTo(401);
    }

    @Test
    void expiredAccessTokenIsRejected() {
        JsonNode s = signIn(newUser("pw"), "pw").json();
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        try {
            assertThat(http().get("/api/v1/sessions", "Authorization", bearer(s.get("accessToken").asString())).status()).isEqualTo(401);
            assertThat(refresh(s.get("refreshToken").asString()).status()).isEqualTo(200);
        } finally {
            clock.advance(Duration.ZERO);
        }
    }

    @Test
    void missingTokenIsRejectedWithProblemJson() {
        Reply reply = http().get("/api/v1/sessions");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = signIn(newUser("pw"), "pw").json().get("accessToken").asString();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = parts[0] + "." + b64(payload.replaceFirst("\"sub\":\"(\\d+)\"", "\"sub\":\"999$1\"")) + "." + parts[2];

        assertThat(forged).isNotEqualTo(token);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(forged)).status()).isEqualTo(401);
    }

    @Test
    void tokenWithUnknownKidIsRejected() {
        String token = signIn(newUser("pw"), "pw").json().get("accessToken").asString();
        String[] parts = token.split("\\.");
        String forged = b64("{\"kid\":\"no-such-key\",\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2];

        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(forged)).status()).isEqualTo(401);
    }

    @Test
    void tokenWithAlgNoneIsRejected() {
        String token = signIn(newUser("pw"), "pw").json().get("accessToken").asString();
        String[] parts = token.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String hs512 = b64("{\"kid\":\"x\",\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2];

        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(none)).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(hs512)).status()).isEqualTo(401);
    }

    @Test
    void authKeysRotateKeepsOldTokensValidAndSignsNewOnesWithTheNewKid() {
        String address = newUser("pw");
        String old = signIn(address, "pw").json().get("accessToken").asString();

        assertThat(cli.run("auth-keys", List.of("rotate"))).isZero();
        String fresh = signIn(address, "pw").json().get("accessToken").asString();

        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(old)).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(fresh)).status()).isEqualTo(200);
        assertThat(kid(fresh)).isNotEqualTo(kid(old));
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        for (Reply r : List.of(http().get("/"), http().get("/signin"), http().get("/api/v1/sessions"), signIn("x@down.test", "p"))) {
            assertThat(r.header("Content-Security-Policy")).isEqualTo(SecurityConfiguration.CSP);
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()");
            assertThat(r.header("Strict-Transport-Security")).as("HSTS only over HTTPS").isNull();
        }
    }

    @Test
    void cookieAuthenticatedStateChangeWithoutCsrfTokenIsForbidden() {
        JsonNode s = signIn(newUser("pw"), "pw").json();
        String cookie = AuthCookies.ACCESS + "=" + s.get("accessToken").asString();

        assertThat(http().get("/api/v1/sessions", "Cookie", cookie).status()).isEqualTo(200);
        assertThat(http().send("DELETE", "/api/v1/sessions/current", null, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/sessions", "Authorization", bearer(s.get("accessToken").asString())).status()).isEqualTo(200);
    }

    @Test
    void sessionWithoutKeepMeSignedInEndsAfterTwelveHoursUnused() {
        Issued browser = browserSession(false);
        clock.advance(Duration.ofHours(11));
        Issued next = sessions.refresh(browser.refreshSecret(), browser.unsealSecret(), false, CLIENT);
        clock.advance(Duration.ofHours(12).plusSeconds(1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.refresh(next.refreshSecret(), next.unsealSecret(), false, CLIENT))
                .isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void keepMeSignedInSlidesThirtyDaysButStopsAtTheAbsoluteLimit() {
        Issued issued = browserSession(true);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofDays(22));
            issued = sessions.refresh(issued.refreshSecret(), issued.unsealSecret(), false, CLIENT);
        }
        clock.advance(Duration.ofDays(3));
        Issued last = issued;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.refresh(last.refreshSecret(), last.unsealSecret(), false, CLIENT))
                .as("91 days after sign-in").isInstanceOf(InvalidRefreshTokenException.class);
        Issued idle = browserSession(true);
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.refresh(idle.refreshSecret(), idle.unsealSecret(), false, CLIENT))
                .as("30 days unused").isInstanceOf(InvalidRefreshTokenException.class);
    }

    @Test
    void signInOutcomesArePublishedWithoutSecrets() {
        String address = newUser("Event-Canary-1");
        recorded.events.clear();
        JsonNode ok = signIn(address, "Event-Canary-1").json();
        signIn(address, "Event-Canary-2");
        signIn("x@unknown-domain.test", "Event-Canary-3");
        signIn("x@down.test", "Event-Canary-4");
        http().send("DELETE", "/api/v1/sessions/current", null, "Authorization", bearer(ok.get("accessToken").asString()));

        assertThat(recorded.events).hasSize(5);
        assertThat(recorded.events.get(0)).isInstanceOfSatisfying(SignInSucceeded.class, e -> {
            assertThat(e.address()).isEqualTo(address);
            assertThat(e.sessionId()).isEqualTo(ok.get("sessionId").asString());
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(recorded.events.subList(1, 4)).extracting(e -> ((SignInFailed) e).reason()).containsExactly(
                SignInFailed.Reason.WRONG_CREDENTIALS, SignInFailed.Reason.UNKNOWN_DOMAIN, SignInFailed.Reason.SERVER_UNREACHABLE);
        assertThat(recorded.events.get(4)).isInstanceOfSatisfying(SessionRevoked.class,
                e -> assertThat(e.reason()).isEqualTo(SessionRevoked.Reason.LOGOUT));
        assertThat(recorded.events.toString()).doesNotContain("Event-Canary");
    }

    @Test
    void somethingTypedIntoTheAddressFieldThatIsNoAddressIsNotRecorded() {
        recorded.events.clear();
        Reply reply = signIn("Password-In-Address-Field", "whatever");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("Password-In-Address-Field");
        assertThat(recorded.events).singleElement().isInstanceOfSatisfying(SignInFailed.class,
                e -> assertThat(e.address()).isEqualTo("(not an address)"));
    }

    private static final Sessions.Client CLIENT = new Sessions.Client("192.0.2.1", "JUnit");

    private Issued browserSession(boolean remember) {
        String address = newUser("pw");
        try (org.vaultmail.vault.Secret pw = org.vaultmail.vault.Secret.ofUtf8("pw")) {
            return signIn.signIn(address, pw, remember, false, CLIENT, null);
        }
    }

    private Reply refresh(String refreshToken) {
        return http().send("POST", "/api/v1/sessions/refresh", HttpCalls.json("refreshToken", refreshToken));
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aCookieAuthenticatedApiChangeWithoutItsCsrfTokenIsAProblemDetail() {
        String address = newUser("csrf-pw");
        FormClient browser = new FormClient(http());
        browser.signIn(address, "csrf-pw");
        Reply refused = http().send("DELETE", "/api/v1/sessions/current", null, "Cookie", browser.cookies());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("X-XSRF-TOKEN");
        assertThat(http().get("/api/v1/sessions", "Cookie", browser.cookies()).status()).as("still signed in").isEqualTo(200);
    }
}
