package org.vaultmail.oauth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.StubProvider;

/**
 * The authorization code flow against a real (loopback) provider: PKCE S256 with the verifier sent at the exchange,
 * state and nonce checked, the request usable once and only from the browser that started it, and every way it can
 * fail reported to the handler with its reason.
 */
class AuthorizationFlowTest {

    @TempDir
    Path dir;
    FlowKit kit;

    @BeforeEach
    void setUp() {
        kit = new FlowKit(dir);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void googleRequestCarriesPkceStateNonceLoginHintAndOfflineAccess() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, "alice@example.test");
        Map<String, String> q = StubProvider.query(started.authorizationUrl().getRawQuery());
        assertThat(started.authorizationUrl().toString()).startsWith(kit.stub.base() + "/authorize?");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", StubProvider.CLIENT_ID)
                .containsEntry("scope", "openid email https://www.googleapis.com/auth/gmail.send")
                .containsEntry("redirect_uri", "https://mail.example.test/oauth/callback/google-send")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("login_hint", "alice@example.test")
                .containsEntry("access_type", "offline").containsEntry("prompt", "consent")
                .containsKeys("state", "nonce", "code_challenge");
        String cookie = started.response().getHeader("Set-Cookie");
        assertThat(cookie).startsWith(FlowCookie.NAME + "=").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Lax").contains("Path=/").contains("Max-Age=600");
        // only hashes of the state and the cookie are stored, and the verifier only sealed
        var row = kit.kit.jdbc.sql("SELECT id, browser, secrets FROM oauth_pending_requests").query().singleRow();
        assertThat(row.get("id")).isEqualTo(FlowCookie.hash(q.get("state")));
        assertThat(row.get("browser")).isEqualTo(FlowCookie.hash(started.cookie().getValue()));
    }

    @Test
    void microsoftRequestHasNoGoogleParameters() {
        FlowKit.Started started = kit.start("microsoft", OAuthPurpose.MAIL, null);
        Map<String, String> q = StubProvider.query(started.authorizationUrl().getRawQuery());
        assertThat(q).doesNotContainKeys("access_type", "prompt", "login_hint")
                .containsEntry("scope", "openid email offline_access https://outlook.office.com/IMAP.AccessAsUser.All "
                        + "https://outlook.office.com/SMTP.Send");
    }

    @Test
    void callbackExchangesTheCodeWithTheVerifierAndHandsOverTheTokens() throws Exception {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, "alice@example.test");
        String challenge = StubProvider.query(started.authorizationUrl().getRawQuery()).get("code_challenge");
        URI callback = kit.stub.approve(started.authorizationUrl(), "alice@example.test");

        CallbackProcessor.Outcome outcome = kit.callback(callback, started.cookie());

        assertThat(outcome).isEqualTo(new CallbackProcessor.Outcome.Continue("/settings/connected"));
        Map<String, String> exchange = kit.stub.tokenRequests().getLast();
        assertThat(exchange).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", "https://mail.example.test/oauth/callback/google-send");
        assertThat(StubProvider.s256(exchange.get("code_verifier"))).isEqualTo(challenge);
        CompletedAuthorization done = kit.handler.completed.getFirst();
        assertThat(done.provider().id()).isEqualTo("google");
        assertThat(done.purpose()).isEqualTo(OAuthPurpose.SEND);
        assertThat(done.context()).containsEntry("draft", "42");
        assertThat(done.email()).isEqualTo("alice@example.test");
        assertThat(done.subject()).isEqualTo("sub-alice@example.test");
        assertThat(done.tokens().refreshToken()).isNotNull();
        assertThat(kit.stub.refreshTokenValid(done.tokens().refreshToken().revealUtf8())).isTrue();
        assertThat(done.tokens().scopes()).contains("https://www.googleapis.com/auth/gmail.send");
        assertThat(done.toString()).doesNotContain(done.tokens().accessToken().revealUtf8());
        assertThat(kit.kit.jdbc.sql("SELECT COUNT(*) FROM oauth_pending_requests").query(Long.class).single()).isZero();
    }

    @Test
    void aWrongStateIsRefusedWithoutAskingTheHandler() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        URI callback = kit.stub.approve(started.authorizationUrl(), "alice@example.test");
        URI forged = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged-state"));

        assertThat(kit.callback(forged, started.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.UNKNOWN_STATE));
        assertThat(kit.callback(URI.create(callback.toString().replaceAll("&state=[^&]+", "")), started.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.UNKNOWN_STATE));
        assertThat(kit.handler.completed).isEmpty();
        assertThat(kit.handler.failed).isEmpty();
        assertThat(kit.stub.tokenRequests()).isEmpty();
    }

    @Test
    void aStateOfAnotherRegistrationIsRefused() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        URI callback = kit.stub.approve(started.authorizationUrl(), "alice@example.test");
        URI elsewhere = URI.create(callback.toString().replace("/google-send?", "/google-mail?"));
        assertThat(kit.callback(elsewhere, started.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.UNKNOWN_STATE));
    }

    @Test
    void aReplayedCallbackIsRefused() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        URI callback = kit.stub.approve(started.authorizationUrl(), "alice@example.test");
        assertThat(kit.callback(callback, started.cookie())).isInstanceOf(CallbackProcessor.Outcome.Continue.class);

        assertThat(kit.callback(callback, started.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.UNKNOWN_STATE));
        assertThat(kit.handler.completed).hasSize(1);
        assertThat(kit.stub.tokenRequests()).hasSize(1);
    }

    @Test
    void aCallbackInAnotherBrowserIsRefusedAndTheRightBrowserCanStillFinish() {
        FlowKit.Started victim = kit.start("google", OAuthPurpose.SEND, null);
        FlowKit.Started attacker = kit.start("google", OAuthPurpose.SEND, null);
        URI callback = kit.stub.approve(victim.authorizationUrl(), "alice@example.test");

        assertThat(kit.callback(callback)).isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.OTHER_BROWSER));
        assertThat(kit.callback(callback, attacker.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.OTHER_BROWSER));
        assertThat(kit.callback(callback, new Cookie(FlowCookie.NAME, "x".repeat(43))))
                .isEqualTo(new CallbackProcessor.Outcome.Refused(CallbackProcessor.OTHER_BROWSER));
        assertThat(kit.handler.completed).isEmpty();

        assertThat(kit.callback(callback, victim.cookie())).isInstanceOf(CallbackProcessor.Outcome.Continue.class);
        assertThat(kit.handler.completed).hasSize(1);
    }

    @Test
    void aDeclinedConsentTellsTheHandlerDenied() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        CallbackProcessor.Outcome outcome = kit.callback(kit.stub.deny(started.authorizationUrl()), started.cookie());
        assertThat(outcome).isEqualTo(new CallbackProcessor.Outcome.Continue("/settings/failed?reason=denied"));
        assertThat(kit.handler.failed).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(OAuthFailure.Reason.DENIED);
            assertThat(f.context()).containsEntry("draft", "42");
            assertThat(f.purpose()).isEqualTo(OAuthPurpose.SEND);
        });
        assertThat(kit.stub.tokenRequests()).isEmpty();
    }

    @Test
    void fewerScopesThanRequestedIsScopeNotGranted() {
        kit.stub.grantOnly(Set.of("openid", "email"));
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie());
        assertThat(kit.handler.failed).singleElement().extracting(OAuthFailure::reason).isEqualTo(OAuthFailure.Reason.SCOPE_NOT_GRANTED);
        assertThat(kit.handler.completed).isEmpty();
    }

    @Test
    void microsoftsQualifiedGraphScopeCountsAsGranted() {
        kit.stub.grantOnly(Set.of("openid", "email", "https://graph.microsoft.com/Mail.Send"));
        FlowKit.Started started = kit.start("microsoft", OAuthPurpose.SEND, null);
        kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie());
        assertThat(kit.handler.completed).hasSize(1);
    }

    @Test
    void anIdTokenWithoutEmailIsInvalid() {
        kit.stub.omitEmail(true);
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie());
        assertThat(kit.handler.failed).singleElement().extracting(OAuthFailure::reason).isEqualTo(OAuthFailure.Reason.ID_TOKEN_INVALID);
    }

    @Test
    void anIdTokenWithAnotherNonceIsInvalid() {
        kit.stub.nonceOverride("someone-elses-nonce");
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie());
        assertThat(kit.handler.failed).singleElement().extracting(OAuthFailure::reason).isEqualTo(OAuthFailure.Reason.ID_TOKEN_INVALID);
    }

    @Test
    void aTokenEndpointFailureIsExchangeFailed() {
        kit.stub.failNext(1, 500);
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie());
        assertThat(kit.handler.failed).singleElement().extracting(OAuthFailure::reason).isEqualTo(OAuthFailure.Reason.EXCHANGE_FAILED);
    }

    @Test
    void aLateCallbackIsExpired() {
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        URI callback = kit.stub.approve(started.authorizationUrl(), "alice@example.test");
        kit.clock.advance(Duration.ofMinutes(11));
        kit.callback(callback, started.cookie());
        assertThat(kit.handler.failed).singleElement().extracting(OAuthFailure::reason).isEqualTo(OAuthFailure.Reason.EXPIRED);
        assertThat(kit.stub.tokenRequests()).isEmpty();
    }

    @Test
    void aHandlerCannotRedirectOffSite() {
        kit.handler.completePath = "//evil.example/phish";
        FlowKit.Started started = kit.start("google", OAuthPurpose.SEND, null);
        assertThat(kit.callback(kit.stub.approve(started.authorizationUrl(), "alice@example.test"), started.cookie()))
                .isEqualTo(new CallbackProcessor.Outcome.Continue("/"));
        assertThat(CallbackProcessor.local("https://evil.example/")).isEqualTo("/");
        assertThat(CallbackProcessor.local("/\\evil.example")).isEqualTo("/");
        assertThat(CallbackProcessor.local("/settings/api/mailboxes?connected=1")).isEqualTo("/settings/api/mailboxes?connected=1");
    }

    @Test
    void startRefusesUnknownProvidersPurposesAndFlows() {
        var request = FlowKit.browserRequest("POST", "/x");
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        assertThatThrownBy(() -> kit.starter.start("yahoo", OAuthPurpose.SEND, FlowKit.FLOW, Map.of(), null, request, response))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kit.starter.start("google", OAuthPurpose.SEND, "no-such-flow", Map.of(), null, request, response))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoTabsShareOneBrowserCookieAndBothFinish() {
        FlowKit.Started first = kit.start("google", OAuthPurpose.SEND, null);
        var request = FlowKit.browserRequest("POST", "/settings/connect");
        request.setCookies(first.cookie());
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        URI second = kit.starter.start("microsoft", OAuthPurpose.SEND, FlowKit.FLOW, Map.of(), null, request, response);
        assertThat(response.getHeader("Set-Cookie")).contains(first.cookie().getValue());
        assertThat(kit.callback(kit.stub.approve(second, "bob@example.test"), first.cookie())).isInstanceOf(CallbackProcessor.Outcome.Continue.class);
        assertThat(kit.callback(kit.stub.approve(first.authorizationUrl(), "alice@example.test"), first.cookie()))
                .isInstanceOf(CallbackProcessor.Outcome.Continue.class);
        assertThat(kit.handler.completed).hasSize(2);
    }
}
