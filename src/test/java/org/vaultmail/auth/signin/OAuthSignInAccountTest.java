package org.vaultmail.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.session.Sessions;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.vault.Secret;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The account a provider signs in is decided by the verified ID token's address, and it must be of one of that
 * provider's domains: a personal account chosen at a Workspace button, an address of another configured domain, or a
 * token of another purpose signs nobody in, and the mail server is not even asked (no XOAUTH2 login is attempted).
 */
class OAuthSignInAccountTest {

    private static final OAuthProvider WORKSPACE = new OAuthProvider("google", ProviderKind.GOOGLE, "Google", "client",
            URI.create("https://as.test/authorize"), URI.create("https://as.test/token"), URI.create("https://as.test/jwks"),
            "https://as.test", null, null, List.of("example.test"), List.of(), Set.of(OAuthPurpose.MAIL));

    private final List<Object> events = new ArrayList<>();
    private final List<String> imapLogins = new ArrayList<>();

    private final MailLogins logins = new MailLogins() {
        @Override
        public SMTPTransport openSmtp(MailServers servers, String username, Secret password) {
            throw new AssertionError("no SMTP in sign-in");
        }

        @Override
        public Store openImap(MailServers servers, String username, Secret password) {
            throw new AssertionError("no password login for an OAuth domain");
        }

        @Override
        public Store openImapWithToken(MailServers servers, String username, Secret accessToken, int poolSize) {
            imapLogins.add(username);
            throw new AssertionError("the mail server must not be asked for " + username);
        }
    };

    // example.test is the provider's domain; other.test is configured too, but signs in with passwords
    private final MailServerDirectory directory = new MailServerDirectory(new MailDomainsProperties(List.of(
            domain("example.test"), domain("other.test"))));

    private static MailDomainsProperties.Domain domain(String name) {
        return new MailDomainsProperties.Domain(name,
                new MailDomainsProperties.Server("imap." + name, 993, MailDomainsProperties.Security.TLS),
                new MailDomainsProperties.Server("smtp." + name, 465, MailDomainsProperties.Security.TLS), null, null);
    }

    private final OAuthSignIn signIn = new OAuthSignIn(directory, logins, null, null, null, null, null, events::add);

    @Test
    void aPersonalAccountChosenAtTheWorkspaceButtonIsRefused() {
        assertRefusedUnasked("someone@gmail.com", OAuthPurpose.MAIL);
    }

    @Test
    void anAddressOfAnotherConfiguredDomainIsRefused() {
        assertRefusedUnasked("carol@other.test", OAuthPurpose.MAIL);
    }

    @Test
    void aLookAlikeSubdomainIsRefused() {
        assertRefusedUnasked("mallory@evil.example.test", OAuthPurpose.MAIL);
    }

    @Test
    void aTokenOfAnotherPurposeSignsNobodyInEvenForTheRightDomain() {
        assertRefusedUnasked("alice@example.test", OAuthPurpose.SEND);
    }

    private void assertRefusedUnasked(String email, OAuthPurpose purpose) {
        TokenSet tokens = new TokenSet(Secret.ofUtf8("access-canary"), Secret.ofUtf8("refresh-canary"),
                Instant.now().plusSeconds(3600), Set.of());
        try (CompletedAuthorization authorization = new CompletedAuthorization(WORKSPACE, purpose, Map.of(), "sub-1",
                email, tokens)) {
            OAuthSignIn.Result result = signIn.signIn(authorization, false, new Sessions.Client("192.0.2.1", "test"));

            assertThat(result).isEqualTo(new OAuthSignIn.Result.Refused(OAuthSignIn.WRONG_ACCOUNT));
        }
        assertThat(imapLogins).isEmpty();
        assertThat(events).singleElement().isInstanceOfSatisfying(SignInFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(SignInFailed.Reason.UNKNOWN_DOMAIN));
    }
}
