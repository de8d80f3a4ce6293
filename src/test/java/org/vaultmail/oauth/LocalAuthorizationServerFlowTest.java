package org.vaultmail.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.vault.Secret;

/**
 * The core against a real Spring Authorization Server (testing.oauth.LocalAuthorizationServer) with the providers'
 * real scope strings and PKCE required: connect through its login, refresh after expiry with one token request for
 * many callers, Microsoft-style rotation, withdrawn consent, a narrowed grant, revocation.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalAuthorizationServerFlowTest.Handler.class)
class LocalAuthorizationServerFlowTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final LocalAuthorizationServer AS = LocalAuthorizationServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-oauth-as-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        MAIL.registerDomain(registry, 0, "example.test");
        AS.providerProperties(LocalAuthorizationServer.GOOGLE).forEach((k, v) -> registry.add(k, () -> v));
        AS.providerProperties(LocalAuthorizationServer.MICROSOFT).forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        AS.close();
    }

    /** Flow {@code as-connect}: stores the grant for the context's user; failures are recorded. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Handler {
        static final List<OAuthFailure.Reason> FAILURES = new CopyOnWriteArrayList<>();

        @Bean
        OAuthCallbackHandler asConnectHandler(OAuthGrants grants) {
            return new OAuthCallbackHandler() {
                @Override
                public String flow() {
                    return "as-connect";
                }

                @Override
                public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
                    try (authorization) {
                        return "/done?grant=" + grants.store(Long.parseLong(authorization.context().get("user")), authorization);
                    }
                }

                @Override
                public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
                    FAILURES.add(failure.reason());
                    return "/failed";
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    OAuthFlows flows;

    @Autowired
    OAuthGrants grants;

    @Autowired
    JdbcTemplate jdbc;

    private static String newAccount() {
        return "oauth-core-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Connects {@code account} at {@code provider} through the server's login; the reply of Vaultmail's callback. */
    private HttpCalls.Reply connect(String provider, OAuthPurpose purpose, String account) {
        long userId = user(account);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/connect");
        request.setServerName("127.0.0.1");
        request.setServerPort(port);
        MockHttpServletResponse response = new MockHttpServletResponse();
        URI authorization = flows.start(provider, purpose, "as-connect", Map.of("user", Long.toString(userId)), account,
                request, response);
        String cookie = response.getHeader("Set-Cookie");
        URI callback = AS.login(authorization, account);
        return new HttpCalls(port).get(callback.getRawPath() + "?" + callback.getRawQuery(), "Cookie",
                cookie.substring(0, cookie.indexOf(';')));
    }

    private long grantOf(HttpCalls.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        String body = reply.body();
        int at = body.indexOf("grant=");
        assertThat(at).as(body).isPositive();
        return Long.parseLong(body.substring(at + 6, body.indexOf('"', at)));
    }

    private long user(String address) {
        jdbc.update("INSERT INTO users (address, created_at, last_sign_in_at) VALUES (?, ?, ?)", address,
                Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        return jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, address);
    }

    /** Makes the next {@code accessToken()} refresh: the held token is rejected as an API would. */
    private void expire(long grant) {
        try (Secret token = grants.accessTokens(grant).accessToken()) {
            grants.accessTokens(grant).rejected(token);
        }
    }

    @Test
    void googleConnectRefreshesOnceForManyCallersAndRevokesOnDelete() throws Exception {
        String account = newAccount();
        int codes = AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "authorization_code");
        long grant = grantOf(connect("google", OAuthPurpose.SEND, account));
        assertThat(AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "authorization_code")).isEqualTo(codes + 1);
        GrantView view = grants.find(grant).orElseThrow();
        assertThat(view.email()).isEqualTo(account);
        assertThat(view.scopes()).contains(OAuthScopes.GMAIL_SEND).doesNotContain(OAuthScopes.GOOGLE_MAIL);

        expire(grant);
        int refreshes = AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token");
        Set<String> tokens = race(50, grant);
        assertThat(AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token")).isEqualTo(refreshes + 1);
        assertThat(tokens).hasSize(1);
        String token = tokens.iterator().next();
        assertThat(AS.introspect(token).get("active").asBoolean()).isTrue();
        assertThat(AS.introspect(token).get("scope").asString()).contains(OAuthScopes.GMAIL_SEND);

        assertThat(grants.delete(grant)).isEqualTo(Revocation.REVOKED);
        assertThat(grants.find(grant)).isEmpty();
    }

    @Test
    void microsoftRotatesTheRefreshTokenAndEveryRotationIsKept() {
        long grant = grantOf(connect("microsoft", OAuthPurpose.SEND, newAccount()));
        for (int i = 0; i < 3; i++) {
            byte[] before = jdbc.queryForObject("SELECT refresh_token FROM oauth_grants WHERE id = ?", byte[].class, grant);
            expire(grant);
            grants.accessTokens(grant).accessToken().close();
            byte[] after = jdbc.queryForObject("SELECT refresh_token FROM oauth_grants WHERE id = ?", byte[].class, grant);
            assertThat(after).isNotEqualTo(before);
        }
        assertThat(grants.find(grant).orElseThrow().state()).isEqualTo(GrantView.State.ACTIVE);
        assertThat(grants.delete(grant)).isEqualTo(Revocation.NOT_SUPPORTED);
    }

    @Test
    void withdrawnConsentNeedsReauthAndAsksNoMore() {
        String account = newAccount();
        long grant = grantOf(connect("google", OAuthPurpose.MIGRATION_SOURCE, account));
        AS.revokeAuthorizations(account);
        expire(grant);
        assertThatThrownBy(() -> grants.accessTokens(grant).accessToken()).isInstanceOf(OAuthReauthRequiredException.class);
        int requests = AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token");
        assertThatThrownBy(() -> grants.accessTokens(grant).accessToken()).isInstanceOf(OAuthReauthRequiredException.class);
        assertThat(AS.tokenRequests(LocalAuthorizationServer.GOOGLE, "refresh_token")).isEqualTo(requests);
        assertThat(grants.find(grant).orElseThrow().state()).isEqualTo(GrantView.State.NEEDS_REAUTH);
    }

    @Test
    void anUntickedScopeIsNotGranted() {
        String account = newAccount();
        AS.grantOnly(account, Set.of("openid", "email"));
        HttpCalls.Reply reply = connect("google", OAuthPurpose.SEND, account);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("url=/failed");
        assertThat(Handler.FAILURES).contains(OAuthFailure.Reason.SCOPE_NOT_GRANTED);
    }

    private Set<String> race(int n, long grant) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try (Secret token = grants.accessTokens(grant).accessToken()) {
                        return token.revealUtf8();
                    }
                }));
            }
            go.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : futures) tokens.add(f.get());
            return tokens;
        }
    }
}
