package org.vaultmail.auth.mfa;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SignInPageCsp;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;

/**
 * What a page that asks for sudo mode's proof needs when the proof is a new sign-in at the session's OAuth provider
 * (ADR 0047): the button ("Confirm with Google") and a CSP whose {@code form-action} lets that button's post end at
 * the provider's authorization endpoint (browsers check the redirect too, as on the sign-in page, ADR 0045).
 */
final class ProviderReauthenticationPage {

    /** "Confirm with {displayName}", posting to {@code action} with the page to come back to. */
    record Button(String providerId, String displayName, String action) {
    }

    private final RecentAuthentication recent;
    private final ObjectProvider<OAuthProviders> providers;

    ProviderReauthenticationPage(RecentAuthentication recent, ObjectProvider<OAuthProviders> providers) {
        this.recent = recent;
        this.providers = providers;
    }

    /** The button, when this session's proof is made at its provider; sets the page's CSP for it. */
    Optional<Button> button(AuthenticatedSession me, HttpServletResponse response) {
        if (recent.proof(me) != Reauthenticated.Method.PROVIDER) return Optional.empty();
        Optional<OAuthProvider> provider = provider(me);
        provider.ifPresent(p -> response.setHeader("Content-Security-Policy", SignInPageCsp.allowing(List.of(p.authorizationUri()))));
        return Optional.of(provider.map(p -> new Button(p.id(), p.displayName(), ProviderReauthenticationController.PATH))
                .orElseGet(() -> new Button("", recent.oauthProvider(me).orElse(""), ProviderReauthenticationController.PATH)));
    }

    private Optional<OAuthProvider> provider(AuthenticatedSession me) {
        OAuthProviders all = providers.getIfAvailable();
        if (all == null) return Optional.empty();
        return recent.oauthProvider(me).flatMap(all::find);
    }
}
