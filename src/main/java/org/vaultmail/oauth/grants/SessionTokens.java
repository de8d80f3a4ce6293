package org.vaultmail.oauth.grants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.OAuthReauthRequiredException;
import org.vaultmail.oauth.OAuthTokens;
import org.vaultmail.oauth.OAuthUnavailableException;
import org.vaultmail.oauth.Revocation;
import org.vaultmail.oauth.TokenSet;
import org.vaultmail.oauth.config.ClientRegistrations;
import org.vaultmail.vault.Secret;

/**
 * {@link OAuthTokens}: refresh and revocation for tokens held elsewhere (a browser session's sealed credentials). The
 * caller holds the lock and stores the result; failures other than {@code invalid_grant} are listed for the console
 * at most once per provider every few minutes. Events are the caller's: it knows the user.
 */
final class SessionTokens implements OAuthTokens {

    private final OAuthProviders providers;
    private final ClientRegistrations registrations;
    private final TokenEndpoint endpoint;
    private final GrantRows rows;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration failureQuietTime;

    SessionTokens(OAuthProviders providers, ClientRegistrations registrations, TokenEndpoint endpoint, GrantRows rows,
                  TransactionTemplate tx, Clock clock, Duration failureQuietTime) {
        this.providers = providers;
        this.registrations = registrations;
        this.endpoint = endpoint;
        this.rows = rows;
        this.tx = tx;
        this.clock = clock;
        this.failureQuietTime = failureQuietTime;
    }

    @Override
    public TokenSet refresh(String providerId, OAuthPurpose purpose, Secret refreshToken) {
        OAuthProvider provider = providers.find(providerId)
                .orElseThrow(() -> new OAuthUnavailableException("the OAuth provider " + providerId + " is not configured"));
        var registered = registrations.get(provider, purpose);
        Instant now = clock.instant();
        try {
            return endpoint.refresh(registered.registration(), refreshToken, provider.scopes(purpose), now);
        } catch (TokenEndpoint.Failure f) {
            if (f.invalidGrant()) throw new OAuthReauthRequiredException(providerId);
            tx.executeWithoutResult(s -> {
                boolean quiet = rows.lastListedFailure(null, providerId).map(at -> at.isAfter(now.minus(failureQuietTime))).orElse(false);
                if (!quiet) rows.listFailure(null, null, null, providerId, purpose, f.errorCode, now);
            });
            throw new OAuthUnavailableException("the " + providerId + " token endpoint failed (" + f.errorCode + "); try again later");
        }
    }

    @Override
    public Revocation revoke(String providerId, Secret token) {
        return providers.find(providerId).map(p -> endpoint.revoke(p, token, "refresh_token")).orElse(Revocation.FAILED);
    }

    @Override
    public String toString() {
        return "SessionTokens";
    }
}
