package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.testing.PrivateDovecot;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.vault.Secret;

/**
 * XOAUTH2 with ONE oauth2 passdb and no {@code scope} line, on a private Dovecot and a private authorization server:
 * Dovecot 2.3.19 wants every scope listed in a passdb and ends the passdb chain at a mismatch (user_disabled), so
 * "any one of the mail scopes" is the authorization server's answer to the mail server's introspection
 * ({@code MailResourceIntrospection}). Microsoft's IMAP scope logs in as Google's does; send-only tokens do not. This
 * is the configuration the shared mailserver-up.sh should write (docs/security.md, OAuth: Test environment).
 */
@Tag("dovecot")
class XoauthScopesPrivateDovecotTest {

    private static final String USER = "oauth-e2e@example.test";
    private static final MailProperties TIMEOUTS = new MailProperties(Duration.ofSeconds(5), Duration.ofSeconds(15));

    static LocalAuthorizationServer authorizationServer;
    static PrivateDovecot dovecot;
    static MailServers servers;
    final MailLogins logins = new AngusMailLogins(new SmtpAuthenticator(TIMEOUTS,
            new MailServerDirectory(new MailDomainsProperties(List.of()))), TIMEOUTS, new MailDomainsProperties(List.of()));

    @BeforeAll
    static void start() throws Exception {
        authorizationServer = LocalAuthorizationServer.start();
        Path oauth2 = Files.createTempFile("vaultmail-oauth2-", ".conf.ext");
        Files.writeString(oauth2, """
                introspection_mode = post
                introspection_url = %s
                client_id = dovecot
                client_secret = dovecot-secret
                username_attribute = sub
                active_attribute = active
                active_value = true
                timeout_msecs = 5000
                """.formatted(authorizationServer.introspectionUri()));
        oauth2.toFile().setReadable(true, false);
        dovecot = PrivateDovecot.start(Map.of(USER, "oauth-e2e-pass"), List.of(
                "auth_mechanisms = plain login xoauth2 oauthbearer",
                "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " + oauth2 + "\n}"));
        servers = new MailServers("example.test", new MailServers.Endpoint("127.0.0.1", dovecot.port(), Security.PLAIN),
                new MailServers.Endpoint("127.0.0.1", 1025, Security.PLAIN), Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) dovecot.close();
        if (authorizationServer != null) authorizationServer.close();
    }

    @Test
    void microsoftsImapScopeLogsIn() throws Exception {
        assertLogsIn("microsoft", Set.of(OAuthScopes.OPENID, OAuthScopes.OFFLINE_ACCESS, OAuthScopes.OUTLOOK_IMAP));
    }

    @Test
    void googlesMailScopeLogsIn() throws Exception {
        assertLogsIn("google", Set.of(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL));
    }

    @Test
    void sendOnlyScopesDoNotLogIn() {
        for (var grant : Map.of("google", OAuthScopes.GMAIL_SEND, "microsoft", OAuthScopes.GRAPH_MAIL_SEND).entrySet()) {
            try (Secret token = authorizationServer.issueTokens(grant.getKey(), USER,
                    Set.of(OAuthScopes.OPENID, grant.getValue())).accessSecret()) {
                assertThatThrownBy(() -> logins.openImapWithToken(servers, USER, token, 1).close())
                        .isInstanceOf(AuthenticationFailedException.class);
            }
        }
    }

    private void assertLogsIn(String client, Set<String> scopes) throws Exception {
        try (Secret token = authorizationServer.issueTokens(client, USER, scopes).accessSecret();
             Store store = logins.openImapWithToken(servers, USER, token, 1)) {
            assertThat(store.isConnected()).isTrue();
        }
    }
}
