package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.auth.TestSessions;
import org.vaultmail.mail.CredentialSource;
import org.vaultmail.oauth.OAuthGrantEvent;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * An OAuth session's tokens (ADR 0045) on a real database, with a scripted token endpoint: refreshed once per expiry
 * however many connections ask, re-sealed with the rotated refresh token, replaced when a server refused them, the
 * session ended when the provider says {@code invalid_grant}, revoked and deleted at sign-out, and sealed like a
 * password (G2: the dump and the keys open nothing).
 */
class OAuthSessionTokensTest {

    static final String ADDRESS = "oauth-signin@example.test";
    static final String ACCESS = "Canary-Access-5c1d";
    static final String REFRESH = "Canary-Refresh-93af";
    static final GreenMailFixture MAIL = GreenMailFixture.start();

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;
    Sessions sessions;
    SessionCredentials credentials;
    ScriptedTokens endpoint;
    Events events;
    final java.util.Map<String, byte[]> unseals = new java.util.HashMap<>();

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        List<String> args = new ArrayList<>();
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        node = VaultmailNode.start(db, args, TestBeans.class);
        sessions = node.getBean(Sessions.class);
        credentials = node.getBean(SessionCredentials.class);
        endpoint = node.getBean(ScriptedTokens.class);
        events = node.getBean(Events.class);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedOnceAndResealedWithTheRotatedRefreshToken() {
        AuthenticatedSession me = signIn(Instant.now().plusSeconds(30));
        CredentialSource source = credentials.imapSource(me);
        assertThat(source.mechanism()).isEqualTo(CredentialSource.Mechanism.XOAUTH2);

        try (Secret token = source.open()) {
            assertThat(token.revealUtf8()).isEqualTo("access-2");
        }
        try (Secret again = credentials.imapSource(me).open()) {
            assertThat(again.revealUtf8()).isEqualTo("access-2");
        }
        assertThat(endpoint.refreshes.get()).isEqualTo(1);
        assertThat(endpoint.presented).containsExactly(REFRESH);
        try (CredentialPayload payload = opened(me)) {
            assertThat(payload.oauth().refreshToken().revealUtf8()).isEqualTo("refresh-2"); // rotated, stored in place
            assertThat(payload.oauth().accessToken().revealUtf8()).isEqualTo("access-2");
        }
    }

    @Test
    void manyConnectionsOpeningAtOnceWithAnExpiredTokenMakeOneTokenRequest() throws Exception {
        AuthenticatedSession me = signIn(Instant.now().minusSeconds(5));
        endpoint.slow = true;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                opened.add(pool.submit(() -> {
                    try (Secret token = credentials.imapSource(me).open()) {
                        return token.revealUtf8();
                    }
                }));
            }
            for (Future<String> f : opened) assertThat(f.get()).isEqualTo("access-2");
        } finally {
            pool.shutdownNow();
        }
        assertThat(endpoint.refreshes.get()).isEqualTo(1);
    }

    @Test
    void aTokenTheServerRefusedIsReplacedBeforeItExpires() {
        AuthenticatedSession me = signIn(Instant.now().plus(Duration.ofHours(1)));
        CredentialSource source = credentials.imapSource(me);
        try (Secret first = source.open()) {
            assertThat(first.revealUtf8()).isEqualTo(ACCESS);
        }
        source.refused();
        try (Secret next = source.open()) {
            assertThat(next.revealUtf8()).isEqualTo("access-2");
        }
        assertThat(endpoint.refreshes.get()).isEqualTo(1);
    }

    @Test
    void smtpSendsWithTheSameAccessTokenByXoauth2() {
        AuthenticatedSession me = signIn(Instant.now().plus(Duration.ofHours(1)));
        try (SmtpLogin login = credentials.smtpLogin(me)) {
            assertThat(login.xoauth2()).isTrue();
            assertThat(login.username()).isEqualTo(ADDRESS);
            assertThat(login.password().revealUtf8()).isEqualTo(ACCESS);
            assertThat(login.toString()).doesNotContain(ACCESS);
        }
        assertThatThrownBy(() -> credentials.imapPassword(me)).isInstanceOf(VaultException.class)
                .hasMessageNotContaining(ACCESS);
    }

    @Test
    void whenTheProviderNoLongerHonoursTheGrantTheSessionEndsAndTheUserSignsInAgain() {
        AuthenticatedSession me = signIn(Instant.now().minusSeconds(5));
        endpoint.invalidGrant = true;

        assertThatThrownBy(() -> credentials.imapSource(me).open()).isInstanceOf(VaultException.class)
                .hasMessageContaining("sign in again").hasMessageNotContaining(REFRESH);

        assertThat(sessions.list(me.userId())).isEmpty();
        assertThat(events.revoked).extracting(SessionRevoked::reason).containsExactly(SessionRevoked.Reason.OAUTH_GRANT_ENDED);
        assertThat(events.oauth).extracting(OAuthGrantEvent::type).containsExactly(OAuthGrantEvent.Type.NEEDS_REAUTH);
        assertThatThrownBy(() -> credentials.imapSource(me).open()).isInstanceOf(VaultException.class);
        assertThat(endpoint.refreshes.get()).isEqualTo(1); // an ended session asks nothing more
    }

    @Test
    void signOutRevokesTheRefreshTokenAtTheProviderAndDeletesTheTokens() {
        AuthenticatedSession me = signIn(Instant.now().plus(Duration.ofHours(1)));

        credentials.forgetOAuthTokens(me);

        assertThat(endpoint.revoked).containsExactly(REFRESH);
        try (CredentialPayload payload = opened(me)) {
            assertThat(payload.oauth()).isNull();
        }
        assertThat(events.oauth).extracting(OAuthGrantEvent::type).containsExactly(OAuthGrantEvent.Type.REVOKED);
    }

    @Test
    void theDatabaseAndTheMasterKeysOpenNoToken() {
        AuthenticatedSession me = signIn(Instant.now().plus(Duration.ofHours(1)));
        JdbcTemplate jdbc = new JdbcTemplate(node.getBean(DataSource.class));
        byte[] row = jdbc.queryForObject("SELECT credentials FROM sessions WHERE id = ?", byte[].class, me.sessionId());

        String dump = DatabaseDump.of(node.getBean(DataSource.class));
        assertThat(dump).contains(me.sessionId()).contains("google").doesNotContain(ACCESS).doesNotContain(REFRESH);
        // with the vault's keys the outer layer opens; the inner one needs the cookie's secret
        Vault vault = node.getBean(Vault.class);
        try (Secret inner = vault.unseal(Purpose.SESSION, CredentialSeal.COLUMN.location(me.sessionId(), me.userId()), row)) {
            assertThat(new String(inner.revealBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(ACCESS).doesNotContain(REFRESH);
        }
        CredentialSeal seal = node.getBean(CredentialSeal.class);
        assertThatThrownBy(() -> seal.open(me.sessionId(), me.userId(), new byte[32], row)).isInstanceOf(VaultException.class);
    }

    private AuthenticatedSession signIn(Instant accessExpiry) {
        Issued issued;
        try (SessionOAuthTokens tokens = new SessionOAuthTokens("google", Secret.ofUtf8(REFRESH), Secret.ofUtf8(ACCESS), accessExpiry)) {
            issued = sessions.openOAuth(ADDRESS, tokens, new OAuthSubject("https://as.example.test", "sub-1"), false, new Sessions.Client("198.51.100.9", "test"));
        }
        unseals.put(issued.sessionId(), issued.unsealSecret());
        return TestSessions.of(issued.userId(), issued.sessionId(), ADDRESS, Randoms.text(issued.unsealSecret()), null);
    }

    private CredentialPayload opened(AuthenticatedSession me) {
        JdbcTemplate jdbc = new JdbcTemplate(node.getBean(DataSource.class));
        byte[] row = jdbc.queryForObject("SELECT credentials FROM sessions WHERE id = ?", byte[].class, me.sessionId());
        byte[] unseal = unseals.get(me.sessionId());
        try (Secret payload = node.getBean(CredentialSeal.class).open(me.sessionId(), me.userId(), unseal, row)) {
            return CredentialPayload.decode(payload);
        }
    }

    /** A token endpoint that rotates: each refresh returns access-2/refresh-2 for an hour. */
    static final class ScriptedTokens implements OAuthTokens {
        final AtomicInteger refreshes = new AtomicInteger();
        final List<String> presented = new CopyOnWriteArrayList<>();
        final List<String> revoked = new CopyOnWriteArrayList<>();
        volatile boolean invalidGrant;
        volatile boolean slow;

        @Override
        public TokenSet refresh(String providerId, OAuthPurpose purpose, Secret refreshToken) {
            refreshes.incrementAndGet();
            presented.add(refreshToken.revealUtf8());
            if (invalidGrant) throw new OAuthReauthRequiredException(providerId);
            if (slow) {
                try {
                    Thread.sleep(200); // the others queue up meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new TokenSet(Secret.ofUtf8("access-2"), Secret.ofUtf8("refresh-2"), Instant.now().plus(Duration.ofHours(1)),
                    Set.of("https://mail.google.com/"));
        }

        @Override
        public Revocation revoke(String providerId, Secret token) {
            revoked.add(token.revealUtf8());
            return Revocation.REVOKED;
        }
    }

    /** What the node published. */
    static final class Events {
        final List<SessionRevoked> revoked = new CopyOnWriteArrayList<>();
        final List<OAuthGrantEvent> oauth = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SessionRevoked e) {
            revoked.add(e);
        }

        @EventListener
        void on(OAuthGrantEvent e) {
            oauth.add(e);
        }
    }

    /** Not {@code @Configuration}: the node's context would otherwise scan it into every other test's context. */
    static class TestBeans {
        @Bean
        @Primary
        ScriptedTokens scriptedTokens() {
            return new ScriptedTokens();
        }

        @Bean
        Events events() {
            return new Events();
        }
    }
}
