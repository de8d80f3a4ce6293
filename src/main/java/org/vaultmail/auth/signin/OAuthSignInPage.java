package org.vaultmail.auth.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;

/**
 * What the sign-in page needs of the OAuth configuration (ADR 0045): the providers offering sign-in (purpose
 * {@code mail} with at least one domain), the provider of an address's domain, and the messages of the fixed codes
 * a finished flow sends back.
 */
final class OAuthSignInPage {

    /** A provider's button: "Sign in with {displayName}". */
    record Button(String id, String displayName) {
    }

    /** The codes of {@code /signin?oauth=…} and their message keys (messages-oauth-signin.properties). */
    static final Map<String, String> MESSAGES = Map.of(
            "wrong-account", OAuthSignIn.WRONG_ACCOUNT,
            "mail-refused", OAuthSignIn.MAIL_REFUSED,
            "unreachable", OAuthSignIn.UNREACHABLE,
            "locked", OAuthSignIn.LOCKED,
            "unverified", OAuthSignIn.UNVERIFIED,
            "denied", "signin.oauth.error.denied",
            "scope", "signin.oauth.error.scope",
            "expired", "signin.oauth.error.expired",
            "failed", "signin.oauth.error.failed",
            "ended", "signin.oauth.error.ended");

    private final Supplier<@Nullable OAuthProviders> configured;

    /** {@code providers}: null when the OAuth module is not there (no button, no OAuth domain). */
    OAuthSignInPage(Supplier<@Nullable OAuthProviders> providers) {
        this.configured = providers;
    }

    List<Button> buttons() {
        OAuthProviders providers = configured.get();
        if (providers == null) return List.of();
        return providers.all().stream().filter(OAuthSignInPage::signsIn).map(p -> new Button(p.id(), p.displayName())).toList();
    }

    /** The authorization endpoints the sign-in page's buttons end at (for its CSP {@code form-action}). */
    List<java.net.URI> authorizationEndpoints() {
        OAuthProviders providers = configured.get();
        if (providers == null) return List.of();
        return providers.all().stream().filter(OAuthSignInPage::signsIn).map(OAuthProvider::authorizationUri).toList();
    }

    /** The provider {@code domain}'s users sign in with, if it is an OAuth domain. */
    Optional<OAuthProvider> forDomain(String domain) {
        OAuthProviders providers = configured.get();
        if (providers == null) return Optional.empty();
        return providers.forDomain(domain.toLowerCase(Locale.ROOT)).filter(OAuthSignInPage::signsIn);
    }

    /** A provider that offers sign-in, by id. */
    Optional<OAuthProvider> find(String id) {
        OAuthProviders providers = configured.get();
        if (providers == null) return Optional.empty();
        return providers.find(id).filter(OAuthSignInPage::signsIn);
    }

    /** How a session that signed in at {@code providerId} names it: the provider's display name, else its id. */
    String displayName(String providerId) {
        OAuthProviders providers = configured.get();
        return (providers == null ? Optional.<OAuthProvider>empty() : providers.find(providerId))
                .map(OAuthProvider::displayName).orElse(providerId);
    }

    /** The message key of a code, or null for an unknown one (never echoed). */
    static @Nullable String message(@Nullable String code) {
        return code == null ? null : MESSAGES.get(code);
    }

    static String code(String messageKey) {
        return MESSAGES.entrySet().stream().filter(e -> e.getValue().equals(messageKey)).map(Map.Entry::getKey)
                .findFirst().orElse("failed");
    }

    private static boolean signsIn(OAuthProvider provider) {
        return provider.purposes().contains(OAuthPurpose.MAIL) && !provider.domains().isEmpty();
    }
}
