package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.StubProvider;
import org.vaultmail.oauth.config.OAuthProperties;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.vault.KeyManagement;
import org.vaultmail.vault.RewrapOptions;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth core in the whole app (issue 15): the callback endpoint over HTTP (signed out, refusals as pages, the
 * same-origin continuation), the grant columns under {@code keys rotate/rewrap}, the console page, and canaries: the
 * client secret and every token the provider issued appear in no log line, response, database dump (tokens only as
 * ciphertext), audit entry, metric or configuration report.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OAuthCoreAppTest.Handlers.class)
@ExtendWith(OutputCaptureExtension.class)
class OAuthCoreAppTest extends ConsoleTestSupport {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final StubProvider STUB = new StubProvider();
    static final String OPERATOR_PASSWORD = "OAuth-Console-Operator-Canary-5e21";
    static final String SCRAPE_TOKEN = "scrape-token-oauth-core-8d2";

    OAuthCoreAppTest() {
        super(OPERATOR_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-oauth-core-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.metrics.token", () -> SCRAPE_TOKEN);
        MAIL.registerDomain(registry, 0, "example.test");
        STUB.properties("google", "google").forEach((k, v) -> registry.add(k, () -> v));
        STUB.properties("microsoft", "microsoft").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("vaultmail.oauth.providers.microsoft.domains", () -> "m365.example");
        // the loudest the OAuth code and Spring's OAuth client get: still no token or secret in any line
        registry.add("logging.level.org.vaultmail.oauth", () -> "DEBUG");
        registry.add("logging.level.org.springframework.security.oauth2", () -> "TRACE");
        registry.add("logging.level.org.springframework.web.client", () -> "DEBUG");
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    /** A handler for flow {@code test-connect}: stores the grant for the user named in the context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        OAuthCallbackHandler testConnectHandler(OAuthGrants grants) {
            return new OAuthCallbackHandler() {
                @Override
                public String flow() {
                    return "test-connect";
                }

                @Override
                public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
                    try (authorization) {
                        long id = grants.store(Long.parseLong(authorization.context().get("user")), authorization);
                        return "/settings/security?grant=" + id;
                    }
                }

                @Override
                public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
                    return "/settings/security?failed=" + failure.reason();
                }
            };
        }
    }

    @Autowired
    OAuthFlows flows;

    @Autowired
    OAuthGrants grants;

    @Autowired
    KeyManagement keys;

    @Autowired
    Vault vault;

    @Autowired
    DataSource dataSource;

    @Autowired
    OAuthProperties oauthProperties;

    private HttpCalls http() {
        return new HttpCalls(port);
    }

    private long user(String address) {
        jdbc.update("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)", address,
                java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now()));
        return jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, address);
    }

    /** Starts a flow as a browser on this app would; returns the authorization URL and the browser's Cookie header. */
    private Map.Entry<URI, String> start(String provider, long userId) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/settings/connect");
        request.setScheme("http");
        request.setServerName("127.0.0.1");
        request.setServerPort(port);
        MockHttpServletResponse response = new MockHttpServletResponse();
        URI url = flows.start(provider, OAuthPurpose.SEND, "test-connect", Map.of("user", Long.toString(userId)), null,
                request, response);
        String setCookie = response.getHeader("Set-Cookie");
        return Map.entry(url, setCookie.substring(0, setCookie.indexOf(';')));
    }

    private static String local(URI callback) {
        return callback.getRawPath() + "?" + callback.getRawQuery();
    }

    @Test
    void aCallbackWithAnUnknownStateIsRefusedWithAPageEvenSignedOut() {
        Reply unknown = http().get("/oauth/callback/google-send?code=abc&state=not-a-state");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("does not belong to a sign-in or connection started here");
        assertThat(unknown.header("Cache-Control")).contains("no-store");
        Reply noState = http().get("/oauth/callback/google-send?code=abc");
        assertThat(noState.status()).isEqualTo(400);
        Reply other = http().get("/oauth/callback/no-such-registration?state=x");
        assertThat(other.status()).isEqualTo(400);
    }

    @Test
    void theCallbackFinishesOnceInTheStartingBrowserAndContinuesSameOrigin() {
        long userId = user("flow-" + System.nanoTime() + "@example.test");
        var started = start("google", userId);
        URI callback = STUB.approve(started.getKey(), "alice@example.test");
        assertThat(callback.toString()).startsWith("http://127.0.0.1:" + port + "/oauth/callback/google-send?");

        Reply elsewhere = http().get(local(callback));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("started in another browser");

        Reply done = http().get(local(callback), "Cookie", started.getValue());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).containsPattern("http-equiv=\"refresh\" content=\"0;url=/settings/security\\?grant=\\d+\"");
        assertThat(done.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(done.header("Cache-Control")).contains("no-store");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth_grants WHERE user_id = ?", Long.class, userId)).isEqualTo(1);

        Reply replay = http().get(local(callback), "Cookie", started.getValue());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth_grants WHERE user_id = ?", Long.class, userId)).isEqualTo(1);
    }

    @Test
    void aDeclinedConsentContinuesToTheHandlersPage() {
        long userId = user("deny-" + System.nanoTime() + "@example.test");
        var started = start("microsoft", userId);
        Reply denied = http().get(local(STUB.deny(started.getKey())), "Cookie", started.getValue());
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.body()).contains("url=/settings/security?failed=DENIED");
    }

    @Test
    void rotateAndRewrapCoverTheGrantColumnsAndTheGrantStillRefreshes() {
        long grant = connect("rewrap-" + System.nanoTime() + "@example.test", "google");
        assertThat(keys.columns()).extracting(c -> c.qualifiedName())
                .contains("oauth_grants.refresh_token", "oauth_grants.access_token", "oauth_pending_requests.secrets");
        keys.rotate();
        keys.rewrap(RewrapOptions.defaults(), p -> { });

        long primary = vault.primaryKeyId();
        assertThat(jdbc.queryForObject("SELECT refresh_token_key_id FROM oauth_grants WHERE id = ?", Long.class, grant)).isEqualTo(primary);
        assertThat(jdbc.queryForObject("SELECT access_token_key_id FROM oauth_grants WHERE id = ?", Long.class, grant)).isEqualTo(primary);
        assertThat(keys.status().rows()).anySatisfy(r -> assertThat(r.column()).isEqualTo("oauth_grants.refresh_token"));
        // the rewrapped refresh token still works at the provider
        int before = STUB.refreshRequests();
        try (Secret token = grants.accessTokens(grant).accessToken()) {
            grants.accessTokens(grant).rejected(token);
        }
        grants.accessTokens(grant).accessToken().close();
        assertThat(STUB.refreshRequests()).isEqualTo(before + 1);
    }

    @Test
    void theConsoleShowsEachProviderWithoutItsSecret() {
        String secret = createOperator("oauth-op");
        long reauth = connect("console-" + System.nanoTime() + "@example.test", "microsoft");
        jdbc.update("UPDATE oauth_grants SET state = 'needs_reauth' WHERE id = ?", reauth);
        jdbc.update("INSERT INTO oauth_refresh_failures (at, provider, purpose, user_id, grant_id, email, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                java.sql.Timestamp.from(Instant.now()), "microsoft", "send", null, reauth, "alice@example.test", "invalid_grant");

        Reply page = signedIn("oauth-op", secret).get("/admin/oauth");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"provider-google\"", "id=\"provider-microsoft\"", STUB.base() + "/token",
                        "https://www.googleapis.com/auth/gmail.send", "m365.example", "invalid_grant", "nav-oauth")
                .doesNotContain(StubProvider.CLIENT_SECRET).doesNotContain(OPERATOR_PASSWORD);
        assertThat(http().get("/admin/oauth").status()).isEqualTo(302);
    }

    @Test
    void theClientSecretAndTokensAppearNowhere(CapturedOutput output) throws Exception {
        long grant = connect("canary-" + System.nanoTime() + "@example.test", "google");
        STUB.rotateRefreshTokens(true);
        try (Secret token = grants.accessTokens(grant).accessToken()) {
            grants.accessTokens(grant).rejected(token);
        }
        grants.accessTokens(grant).accessToken().close();
        STUB.rotateRefreshTokens(false);
        long gone = connect("canary2-" + System.nanoTime() + "@example.test", "google");
        STUB.revokeUser("alice@example.test"); // invalid_grant from now on: its description quotes the token
        try (Secret token = grants.accessTokens(gone).accessToken()) {
            grants.accessTokens(gone).rejected(token);
        }
        try {
            grants.accessTokens(gone).accessToken().close();
        } catch (RuntimeException expected) {
            assertThat(expected.getMessage()).doesNotContain("refresh-");
        }
        assertThat(grants.delete(grant)).isEqualTo(Revocation.REVOKED);
        List<Reply> responses = List.of(http().get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN), http().get("/actuator/configprops"),
                http().get("/actuator/env"), http().get("/oauth/callback/google-send?state=x"));

        List<String> canaries = new java.util.ArrayList<>(STUB.issuedTokens());
        assertThat(canaries).hasSizeGreaterThanOrEqualTo(5);
        canaries.add(StubProvider.CLIENT_SECRET);
        String dump = DatabaseDump.of(dataSource);
        String configReport = JsonMapper.builder().build().writeValueAsString(oauthProperties);
        awaitAudit("action = ? AND target = ?", "oauth.revoked", "oauth-grant:" + grant);
        awaitAudit("action = ? AND target = ?", "oauth.needs-reauth", "oauth-grant:" + gone);
        List<String> audit = jdbc.queryForList("SELECT CONCAT(action, ' ', target, ' ', details) FROM audit_entry WHERE action LIKE 'oauth.%'",
                String.class);
        assertThat(audit).anySatisfy(a -> assertThat(a).startsWith("oauth.connected"))
                .anySatisfy(a -> assertThat(a).startsWith("oauth.disconnected"));
        for (String canary : canaries) {
            assertThat(output.getAll()).as("logs").doesNotContain(canary);
            assertThat(dump).as("database dump").doesNotContain(canary)
                    .doesNotContain(HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)));
            assertThat(audit).as("audit").noneSatisfy(a -> assertThat(a).contains(canary));
            assertThat(configReport).as("configuration").doesNotContain(canary);
            for (Reply r : responses) {
                assertThat(r.body()).doesNotContain(canary);
                assertThat(r.headers().toString()).doesNotContain(canary);
            }
        }
        assertThat(dump).contains("oauth_grants");
        assertThat(responses.getFirst().status()).isEqualTo(200);
    }

    /** A grant for a new user through the real callback; returns its id. */
    private long connect(String address, String provider) {
        long userId = user(address);
        var started = start(provider, userId);
        Reply done = http().get(local(STUB.approve(started.getKey(), "alice@example.test")), "Cookie", started.getValue());
        assertThat(done.status()).isEqualTo(200);
        return jdbc.queryForObject("SELECT id FROM oauth_grants WHERE user_id = ?", Long.class, userId);
    }
}
