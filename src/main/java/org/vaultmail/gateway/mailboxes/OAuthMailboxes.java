package org.vaultmail.gateway.mailboxes;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.vaultmail.oauth.GrantView;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.ProviderKind;
import org.vaultmail.oauth.Revocation;

/**
 * The oauth module as connected mailboxes use it (ADR 0044): which providers the operator configured for sending, a
 * mailbox's send API, its grant. Looked up lazily so that the gateway works (password mailboxes only) where the oauth
 * module has no beans.
 */
final class OAuthMailboxes {

    private final ObjectProvider<OAuthProviders> providers;
    private final ObjectProvider<OAuthGrants> grants;

    OAuthMailboxes(ObjectProvider<OAuthProviders> providers, ObjectProvider<OAuthGrants> grants) {
        this.providers = providers;
        this.grants = grants;
    }

    /** Providers that offer send-only mailboxes: purpose {@code send}, a Google or Microsoft API, a send API base. */
    List<OAuthProvider> forSending() {
        OAuthProviders all = providers.getIfAvailable();
        if (all == null) return List.of();
        return all.all().stream().filter(OAuthMailboxes::sends).toList();
    }

    Optional<OAuthProvider> forSending(String providerId) {
        return forSending().stream().filter(p -> p.id().equals(providerId)).findFirst();
    }

    Optional<GrantView> grant(long grantId) {
        return Optional.ofNullable(grants.getIfAvailable()).flatMap(g -> g.find(grantId));
    }

    OAuthGrants grants() {
        OAuthGrants g = grants.getIfAvailable();
        if (g == null) throw new IllegalStateException("OAuth grants are not available on this node");
        return g;
    }

    /**
     * Deletes a disconnected mailbox's grant (and revokes it where the provider can). A failure here leaves tokens
     * that no mailbox uses any more; it is logged by grant id and reported as {@link Revocation#FAILED}.
     */
    Revocation deleteGrant(long grantId) {
        try {
            return grants().delete(grantId);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(OAuthMailboxes.class).warn("deleting OAuth grant {} failed ({})", grantId,
                    e.getClass().getSimpleName());
            return Revocation.FAILED;
        }
    }

    SendApi sendApi(ConnectedMailbox m, long grantId) throws MailboxUnavailableException {
        GrantView grant = grant(grantId).orElseThrow(() -> new MailboxUnavailableException(m.id(), "its OAuth grant is gone"));
        OAuthProvider provider = forSending(grant.providerId()).orElseThrow(() -> new MailboxUnavailableException(m.id(),
                "its OAuth provider " + grant.providerId() + " is no longer configured for sending"));
        if (kindOf(provider) != m.kind()) {
            throw new MailboxUnavailableException(m.id(), "its OAuth provider is not of kind " + m.kind().label());
        }
        return new SendApi(m.id(), provider.kind(), java.util.Objects.requireNonNull(provider.sendApiBase()),
                grants().accessTokens(grantId));
    }

    static ConnectedMailbox.Kind kindOf(OAuthProvider provider) {
        return switch (provider.kind()) {
            case GOOGLE -> ConnectedMailbox.Kind.GOOGLE;
            case MICROSOFT -> ConnectedMailbox.Kind.MICROSOFT;
            case GENERIC -> throw new IllegalArgumentException("a generic OAuth provider has no send API");
        };
    }

    private static boolean sends(OAuthProvider p) {
        return p.purposes().contains(OAuthPurpose.SEND) && p.sendApiBase() != null
                && (p.kind() == ProviderKind.GOOGLE || p.kind() == ProviderKind.MICROSOFT);
    }
}
