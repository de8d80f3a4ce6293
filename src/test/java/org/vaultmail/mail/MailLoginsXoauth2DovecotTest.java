package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.oauth.OAuthScopes;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.oauth.IssuedTokens;
import org.vaultmail.testing.oauth.LocalAuthorizationServer;
import org.vaultmail.vault.Secret;

/**
 * XOAUTH2 against the real Dovecot/Postfix, whose tokens are introspected at the shared local authorization server:
 * the right scope logs in, a send-only scope does not (least privilege shown, not assumed).
 */
@Tag("dovecot")
class MailLoginsXoauth2DovecotTest {

    private static final String USER = "oauth-e2e@example.test";
    private static final MailProperties TIMEOUTS = new MailProperties(Duration.ofSeconds(5), Duration.ofSeconds(15));
    private static final MailDomainsProperties DOMAINS = new MailDomainsProperties(List.of(
            new MailDomainsProperties.Domain("example.test", null, null, null, DovecotFixture.TRUST_STORE_PASSWORD)));

    /**
     * The shared mailserver-up.sh writes one oauth2 passdb per accepted scope, but Dovecot 2.3.19 ends the passdb chain
     * at the first scope mismatch (user_disabled ignores result_failure=continue), so only tokens holding the first
     * scope (https://mail.google.com/) log in. The fix (proved by XoauthScopesPrivateDovecotTest): one oauth2 passdb
     * without a scope line; the local authorization server answers the mail server's introspection "active" only for
     * tokens with a mail scope. See docs/security.md, OAuth "Test environment"; remove these @Disabled once the script is changed.
     */
    private static final String ONE_PASSDB_PER_SCOPE =
            "shared mailserver-up.sh: one oauth2 passdb per scope, Dovecot stops at the first (docs/security.md, OAuth: Test environment)";

    static LocalAuthorizationServer authorizationServer;
    static MailServers servers;
    final MailLogins logins = new AngusMailLogins(new SmtpAuthenticator(TIMEOUTS,
            new MailServerDirectory(new MailDomainsProperties(List.of()))),
            TIMEOUTS, DOMAINS);

    @BeforeAll
    static void startServers() {
        DovecotFixture dovecot = DovecotFixture.get();
        authorizationServer = LocalAuthorizationServer.shared();
        servers = new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS),
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN),
                Optional.of(dovecot.trustStore()));
    }

    @Test
    void imapLogsInWithAGoogleMailToken() throws Exception {
        IssuedTokens tokens = authorizationServer.issueTokens("google", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.GOOGLE_MAIL));

        try (Secret token = tokens.accessSecret(); Store store = logins.openImapWithToken(servers, USER, token, 1)) {
            Folder inbox = store.getFolder("INBOX");
            assertThat(inbox.exists()).isTrue();
        }
    }

    @Test
    @Disabled(ONE_PASSDB_PER_SCOPE)
    void imapLogsInWithAnOutlookImapToken() throws Exception {
        IssuedTokens tokens = authorizationServer.issueTokens("microsoft", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.OFFLINE_ACCESS, OAuthScopes.OUTLOOK_IMAP));

        try (Secret token = tokens.accessSecret(); Store store = logins.openImapWithToken(servers, USER, token, 1)) {
            assertThat(store.getFolder("INBOX").exists()).isTrue();
        }
    }

    @Test
    void imapRefusesASendOnlyGoogleToken() {
        IssuedTokens tokens = authorizationServer.issueTokens("google", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.GMAIL_SEND));

        try (Secret token = tokens.accessSecret()) {
            assertThatThrownBy(() -> logins.openImapWithToken(servers, USER, token, 1).close())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void imapRefusesAnotherUsersToken() {
        IssuedTokens tokens = authorizationServer.issueTokens("google", "oauth-e2e-other@example.test",
                Set.of(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL));

        try (Secret token = tokens.accessSecret()) {
            assertThatThrownBy(() -> logins.openImapWithToken(servers, USER, token, 1).close())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void imapRefusesATokenWhoseConsentWasWithdrawn() {
        String user = USER;
        IssuedTokens tokens = authorizationServer.issueTokens("google", user,
                Set.of(OAuthScopes.OPENID, OAuthScopes.GOOGLE_MAIL));
        authorizationServer.revokeAuthorizations(user);

        try (Secret token = tokens.accessSecret()) {
            assertThatThrownBy(() -> logins.openImapWithToken(servers, user, token, 1).close())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void theAuthorizationServerPasswordIsNotTheImapPassword() {
        try (Secret password = Secret.ofUtf8(LocalAuthorizationServer.password(USER))) {
            assertThatThrownBy(() -> logins.openImap(servers, USER, password).close())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void smtpSubmitsWithAGoogleMailToken() throws Exception {
        IssuedTokens tokens = authorizationServer.issueTokens("google", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.GOOGLE_MAIL));

        try (Secret token = tokens.accessSecret(); SMTPTransport smtp = logins.openSmtpWithToken(servers, USER, token)) {
            submitToSelf(smtp, "XOAUTH2 submission (Google scope)");
        }
    }

    @Test
    @Disabled(ONE_PASSDB_PER_SCOPE)
    void smtpSubmitsWithAnOutlookSmtpToken() throws Exception {
        IssuedTokens tokens = authorizationServer.issueTokens("microsoft", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.OFFLINE_ACCESS, OAuthScopes.OUTLOOK_SMTP));

        try (Secret token = tokens.accessSecret(); SMTPTransport smtp = logins.openSmtpWithToken(servers, USER, token)) {
            submitToSelf(smtp, "XOAUTH2 submission (Microsoft scope)");
        }
    }

    private static void submitToSelf(SMTPTransport smtp, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
        message.setFrom(new InternetAddress(USER));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        message.setSubject(subject);
        message.setText("sent with a bearer token");
        smtp.sendMessage(message, message.getAllRecipients());
        assertThat(smtp.getLastReturnCode()).isEqualTo(250);
    }

    @Test
    void smtpRefusesAGraphSendOnlyToken() {
        IssuedTokens tokens = authorizationServer.issueTokens("microsoft", USER,
                Set.of(OAuthScopes.OPENID, OAuthScopes.EMAIL, OAuthScopes.OFFLINE_ACCESS, OAuthScopes.GRAPH_MAIL_SEND));

        try (Secret token = tokens.accessSecret()) {
            assertThatThrownBy(() -> logins.openSmtpWithToken(servers, USER, token).close())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }
}
