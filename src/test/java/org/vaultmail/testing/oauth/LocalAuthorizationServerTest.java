package org.vaultmail.testing.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fixture is a real authorization server: PKCE, rotation, revocation, introspection as Dovecot sees it. */
class LocalAuthorizationServerTest {

    private static final String USER = "oauth-e2e@example.test";
    private static final Set<String> GOOGLE_SEND = Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.GMAIL_SEND);
    private static final Set<String> MICROSOFT_SEND = Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL,
            OAuthScopes.OFFLINE_ACCESS, OAuthScopes.GRAPH_MAIL_SEND);

    @AutoClose
    static LocalAuthorizationServer server = LocalAuthorizationServer.start();

    @Test
    void codeFlowIssuesOpaqueAccessTokenAndIdTokenWithEmailAndNonce() {
        CodeFlow flow = new CodeFlow(server, "google", GOOGLE_SEND);
        IssuedTokens tokens = flow.run(USER, LocalAuthorizationServer.password(USER));

        assertThat(tokens.accessToken()).doesNotContain(".");  // opaque, not a JWT
        assertThat(tokens.refreshToken()).isNotNull();
        assertThat(tokens.scopes()).isEqualTo(GOOGLE_SEND);
        JsonNode idToken = claims(tokens.idToken());
        assertThat(idToken.path("email").asString()).isEqualTo(USER);
        assertThat(idToken.path("sub").asString()).isEqualTo(USER);
        assertThat(idToken.path("nonce").asString()).isEqualTo(flow.nonce());
        assertThat(idToken.path("iss").asString()).isEqualTo(server.issuer().toString());
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
    }

    @Test
    void promptLoginMakesAReturningUserSignInAgainAndAuthTimeSaysWhen() {
        Set<String> identity = OAuthScopes.identity();
        Map<String, String> browser = new LinkedHashMap<>();
        new CodeFlow(server, "microsoft", identity).run(USER, LocalAuthorizationServer.password(USER), browser, "");
        // returning without prompt: not asked again (a wrong password would be refused if it were)
        IssuedTokens returning = new CodeFlow(server, "microsoft", identity).run(USER, "not-asked", browser, "");
        assertThat(returning.idToken()).isNotNull();

        assertThatThrownBy(() -> new CodeFlow(server, "microsoft", identity).run(USER, "wrong", browser, "&prompt=login&max_age=0"))
                .hasMessageContaining("refused the login");
        long before = java.time.Instant.now().getEpochSecond();
        IssuedTokens again = new CodeFlow(server, "microsoft", identity)
                .run(USER, LocalAuthorizationServer.password(USER), browser, "&prompt=login&max_age=0");

        assertThat(claims(again.idToken()).path("auth_time").asLong()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void maxAgeAloneMakesAReturningUserSignInAgainOnceTheSignInIsOlder() throws InterruptedException {
        Set<String> identity = OAuthScopes.identity();
        Map<String, String> browser = new LinkedHashMap<>();
        new CodeFlow(server, "microsoft", identity).run(USER, LocalAuthorizationServer.password(USER), browser, "");
        assertThat(new CodeFlow(server, "microsoft", identity).run(USER, "not-asked", browser, "&max_age=3600").idToken())
                .isNotNull();
        Thread.sleep(1100); // the sign-in is now older than max_age=1

        assertThatThrownBy(() -> new CodeFlow(server, "microsoft", identity).run(USER, "wrong", browser, "&max_age=1"))
                .hasMessageContaining("refused the login");
    }

    @Test
    void aTestCanMakeTheNextIdTokenClaimAStaleOrNoAuthTime() {
        String user = "oauth-as-authtime@example.test";
        server.nextAuthTime(user, "stale");
        IssuedTokens stale = server.issueTokens("microsoft", user, OAuthScopes.identity());
        assertThat(claims(stale.idToken()).path("auth_time").asLong())
                .isLessThan(java.time.Instant.now().minusSeconds(3000).getEpochSecond());
        server.nextAuthTime(user, "missing");
        assertThat(claims(server.issueTokens("microsoft", user, OAuthScopes.identity()).idToken()).has("auth_time")).isFalse();
        assertThat(claims(server.issueTokens("microsoft", user, OAuthScopes.identity()).idToken()).has("auth_time")).isTrue();
    }

    @Test
    void introspectionAsDovecotSaysSubjectAndScopes() {
        IssuedTokens tokens = server.issueTokens("google", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL));

        JsonNode introspection = server.introspectAsMailServer(tokens.accessToken());

        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("sub").asString()).isEqualTo(USER);
        assertThat(LocalAuthorizationServer.scopes(introspection.path("scope").asString()))
                .containsExactlyInAnyOrder(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL);
        assertThat(server.introspect("not-a-token").path("active").asBoolean()).isFalse();
    }

    @Test
    void toTheMailServerOnlyTokensWithAMailScopeAreActive() {
        IssuedTokens send = server.issueTokens("google", USER, GOOGLE_SEND);
        IssuedTokens smtp = server.issueTokens("microsoft", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.OUTLOOK_SMTP));

        assertThat(server.introspect(send.accessToken()).path("active").asBoolean()).isTrue();
        assertThat(server.introspectAsMailServer(send.accessToken()).path("active").asBoolean()).isFalse();
        assertThat(server.introspectAsMailServer(smtp.accessToken()).path("active").asBoolean()).isTrue();
        assertThat(server.introspectAsMailServer(smtp.accessToken()).path("sub").asString()).isEqualTo(USER);
    }

    @Test
    void tokenRequestWithoutTheVerifierIsRefused() {
        CodeFlow flow = new CodeFlow(server, "google", GOOGLE_SEND);
        URI callback = OAuthBrowserlessLogin.callbackFor(flow.authorizationUrl(), USER);
        String code = CodeFlow.query(callback).get("code");

        Reply reply = server.tokenRequest("google", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CodeFlow.REDIRECT_URI));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void authorizationWithoutCodeChallengeIsRefused() {
        String url = new CodeFlow(server, "google", GOOGLE_SEND).authorizationUrl().toString()
                .replaceAll("&code_challenge=[^&]*", "").replace("&code_challenge_method=S256", "");

        URI callback = OAuthBrowserlessLogin.callbackFor(URI.create(url), USER);

        assertThat(CodeFlow.query(callback)).containsEntry("error", "invalid_request").doesNotContainKey("code");
    }

    @Test
    void microsoftRotatesRefreshTokensAndRefusesTheOldOne() {
        IssuedTokens tokens = server.issueTokens("microsoft", USER, MICROSOFT_SEND);

        Reply first = server.refresh("microsoft", tokens.refreshToken());
        Reply reused = server.refresh("microsoft", tokens.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("refresh_token").asString()).isNotEqualTo(tokens.refreshToken()).isNotEmpty();
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(server.refresh("microsoft", first.json().path("refresh_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void microsoftIssuesNoRefreshTokenWithoutOfflineAccess() {
        IssuedTokens tokens = server.issueTokens("microsoft", USER, Set.of(OAuthScopes.OPENID, OAuthScopes.GRAPH_MAIL_SEND));

        assertThat(tokens.refreshToken()).isNull();
    }

    @Test
    void googleReusesItsRefreshToken() {
        IssuedTokens tokens = server.issueTokens("google", USER, GOOGLE_SEND);

        Reply first = server.refresh("google", tokens.refreshToken());
        Reply second = server.refresh("google", tokens.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("access_token").asString()).isNotEqualTo(tokens.accessToken());
    }

    @Test
    void revokedAuthorizationsGiveInvalidGrantAndInactiveTokens() {
        String user = "oauth-revoke@example.test";
        IssuedTokens tokens = server.issueTokens("google", user, GOOGLE_SEND);

        assertThat(server.revokeAuthorizations(user)).isEqualTo(1);

        Reply refresh = server.refresh("google", tokens.refreshToken());
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(server.introspect(tokens.accessToken()).path("active").asBoolean()).isFalse();
    }

    @Test
    void grantOnlyNarrowsTheNextAuthorizationOnly() {
        String user = "oauth-untick@example.test";
        server.grantOnly(user, Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL));

        IssuedTokens narrowed = server.issueTokens("google", user, GOOGLE_SEND);
        IssuedTokens full = server.issueTokens("google", user, GOOGLE_SEND);

        assertThat(narrowed.scopes()).containsExactlyInAnyOrder(OAuthScopes.OPENID, OAuthScopes.EMAIL);
        assertThat(full.scopes()).isEqualTo(GOOGLE_SEND);
    }

    @Test
    void accessTokenTtlAppliesToNewTokensAndIsRestored() {
        IssuedTokens shortLived;
        try (var _ = server.accessTokenTtl(Duration.ofSeconds(7))) {
            shortLived = server.issueTokens("google", USER, GOOGLE_SEND);
        }
        IssuedTokens normal = server.issueTokens("google", USER, GOOGLE_SEND);

        assertThat(Duration.between(java.time.Instant.now(), shortLived.expiresAt())).isLessThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(Duration.between(java.time.Instant.now(), normal.expiresAt())).isGreaterThan(Duration.ofMinutes(4));
    }

    @Test
    void injectedFailuresAndCountersAtTheTokenEndpoint() {
        IssuedTokens tokens = server.issueTokens("microsoft", USER, MICROSOFT_SEND);
        int before = server.tokenRequests("microsoft", "refresh_token");
        server.failTokenEndpoint(1, 503);

        Reply failed = server.refresh("microsoft", tokens.refreshToken());
        Reply served = server.refresh("microsoft", tokens.refreshToken());

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.header("Retry-After")).isEqualTo("1");
        assertThat(served.status()).isEqualTo(200);
        assertThat(server.tokenRequests("microsoft", "refresh_token")).isEqualTo(before + 2);
        assertThat(server.tokenRequests("microsoft")).isGreaterThanOrEqualTo(before + 3);
    }

    @Test
    void callbacksOnAnyLoopbackPortAreAcceptedOthersAreNot() {
        for (String redirect : new String[] {"http://localhost:43111/oauth/callback/google-send",
                "http://127.0.0.1:43112/oauth/callback/google-mail"}) {
            String url = new CodeFlow(server, "google", GOOGLE_SEND).authorizationUrl().toString()
                    .replace(LocalAuthorizationServer.encode(CodeFlow.REDIRECT_URI), LocalAuthorizationServer.encode(redirect));
            URI callback = OAuthBrowserlessLogin.callbackFor(URI.create(url), USER);
            assertThat(callback.toString()).startsWith(redirect + "?code=");
        }
        String evil = new CodeFlow(server, "google", GOOGLE_SEND).authorizationUrl().toString()
                .replace(LocalAuthorizationServer.encode(CodeFlow.REDIRECT_URI),
                        LocalAuthorizationServer.encode("http://evil.test/oauth/callback/google-send"));
        assertThatThrownBy(() -> OAuthBrowserlessLogin.callbackFor(URI.create(evil), USER))
                .hasMessageContaining("400");
    }

    @Test
    void wrongPasswordIsRefusedAtTheLoginPage() {
        URI url = new CodeFlow(server, "google", GOOGLE_SEND).authorizationUrl();

        assertThatThrownBy(() -> OAuthBrowserlessLogin.callbackFor(url, USER, "oauth-e2e-pass", new LinkedHashMap<>()))
                .hasMessageContaining("refused the login");
    }

    @Test
    void providerPropertiesPointAtThisServerWithTheSecretInAFile() throws Exception {
        Map<String, String> google = server.providerProperties("google");
        Map<String, String> microsoft = server.providerProperties("microsoft");

        assertThat(google).containsEntry("vaultmail.oauth.providers.google.token-uri", server.tokenUri().toString())
                .containsEntry("vaultmail.oauth.providers.google.issuer", server.issuer().toString())
                .containsKey("vaultmail.oauth.providers.google.revocation-uri");
        assertThat(microsoft).doesNotContainKey("vaultmail.oauth.providers.microsoft.revocation-uri");
        assertThat(Files.readString(Path.of(google.get("vaultmail.oauth.providers.google.client-secret-file"))))
                .isEqualTo("google-secret");
        assertThat(google.values()).doesNotContain("google-secret");
    }

    @Test
    void metadataIsServed() {
        Reply metadata = server.http().get("/.well-known/openid-configuration");

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().path("issuer").asString()).isEqualTo(server.issuer().toString());
        assertThat(metadata.json().path("introspection_endpoint").asString()).isEqualTo(server.introspectionUri().toString());
    }

    @Test
    void idTokensPassSpringSecuritysOwnValidationAgainstTheJwkSet() {
        IssuedTokens tokens = server.issueTokens("google", USER, GOOGLE_SEND);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(server.jwkSetUri().toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(server.issuer().toString()));

        Jwt idToken = decoder.decode(tokens.idToken());

        assertThat(idToken.getAudience()).containsExactly("google");
        assertThat(idToken.getClaimAsString("email")).isEqualTo(USER);
    }

    @Test
    void aSecondHandleOnTheSamePortAttachesAndSharesTheControls() {
        try (LocalAuthorizationServer attached = LocalAuthorizationServer.startOrAttach(server.port(), false)) {
            int before = server.tokenRequests("google");

            IssuedTokens tokens = attached.issueTokens("google", USER, GOOGLE_SEND);

            assertThat(attached.ownsServer()).isFalse();
            assertThat(server.tokenRequests("google")).isEqualTo(before + 1);
            assertThat(server.introspect(tokens.accessToken()).path("active").asBoolean()).isTrue();
        }
        assertThat(server.introspect("x").path("active").asBoolean()).isFalse(); // closing the handle left it running
    }

    @Test
    void aPortHeldBySomethingElseIsAnError() throws Exception {
        try (java.net.ServerSocket other = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalAuthorizationServer.startOrAttach(other.getLocalPort(), false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("something other");
        }
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
