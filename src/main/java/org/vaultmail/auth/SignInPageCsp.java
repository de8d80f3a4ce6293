package org.vaultmail.auth;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The sign-in page's Content-Security-Policy when OAuth sign-in is offered (ADR 0045): the provider buttons post to
 * Vaultmail, which redirects to the provider's authorization endpoint, and browsers check {@code form-action} on that
 * redirect too; so the page (and only it) also allows the providers' origins as form targets.
 */
public final class SignInPageCsp {

    private SignInPageCsp() {
    }

    /** The policy allowing form submissions to end at these endpoints' origins; the usual one when there are none. */
    public static String allowing(Collection<URI> endpoints) {
        Set<String> origins = new LinkedHashSet<>();
        for (URI uri : endpoints) {
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) continue;
            origins.add(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
        if (origins.isEmpty()) return SecurityConfiguration.CSP;
        return SecurityConfiguration.CSP.replace("form-action 'self'", "form-action 'self' " + String.join(" ", origins));
    }
}
