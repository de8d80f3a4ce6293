package org.vaultmail.migrate.engine;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.vaultmail.account.MailServers;
import org.vaultmail.oauth.AccessTokenSource;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.vault.Secret;

/**
 * Connects password accounts through {@code passwords} and OAuth accounts (ADR 0046) with a fresh access token at every
 * (re)connect, so a job longer than a token's lifetime keeps going: a refused token is reported to the grant
 * ({@link AccessTokenSource#rejected}) and the login tried once more with the next token; a grant the provider no
 * longer honours ({@link OAuthReauthRequiredException}) is a refused login, which fails the job as an authentication
 * failure (not retried); an unreachable token endpoint is an ordinary connect failure (retried, then unreachable).
 * Failure texts are ours: never a token, never the provider's words.
 */
public final class TokenImapConnector implements ImapConnector {

    /** SASL XOAUTH2 login with one token (production: {@code MailLogins#openImapWithToken}). */
    @FunctionalInterface
    public interface TokenLogin {
        IMAPStore open(MailServers servers, String username, Secret accessToken) throws MessagingException;
    }

    private final ImapConnector passwords;
    private final TokenLogin tokenLogin;

    public TokenImapConnector(ImapConnector passwords, TokenLogin tokenLogin) {
        this.passwords = passwords;
        this.tokenLogin = tokenLogin;
    }

    @Override
    public IMAPStore connect(ImapAccount account) throws MessagingException {
        AccessTokenSource tokens = account.tokens().orElse(null);
        if (tokens == null) return passwords.connect(account);
        try {
            return attempt(account, tokens);
        } catch (AuthenticationFailedException refused) {
            return attempt(account, tokens); // the first token was stale (expired, revoked): one refresh, then give up
        }
    }

    private IMAPStore attempt(ImapAccount account, AccessTokenSource tokens) throws MessagingException {
        Secret token;
        try {
            token = tokens.accessToken();
        } catch (OAuthReauthRequiredException e) {
            throw new AuthenticationFailedException("the OAuth grant of the source is no longer valid");
        } catch (OAuthUnavailableException e) {
            throw new MessagingException("the OAuth token endpoint is unavailable");
        }
        try {
            return tokenLogin.open(account.servers(), account.username(), token);
        } catch (AuthenticationFailedException e) {
            tokens.rejected(token); // before the copy is wiped: the grant compares it with the token it holds
            throw new AuthenticationFailedException("the source server refused the OAuth access token");
        } finally {
            token.close();
        }
    }
}
