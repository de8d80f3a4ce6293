package org.vaultmail.auth.mfa;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.oauth.OAuthFlows;

/**
 * "Confirm with Google" (ADR 0047): for a session that signed in at an OAuth provider and has no second factor, sudo
 * mode's proof is a new sign-in there. Starts the provider's re-authentication ({@code prompt=login}, {@code max_age=0})
 * with the session's address as the login hint; {@link ProviderReauthenticationCallback} finishes it.
 */
@Controller
class ProviderReauthenticationController {

    static final String PATH = "/settings/security/reauthenticate/provider";

    private final RecentAuthentication recent;
    private final ObjectProvider<OAuthFlows> flows;
    private final Clock clock;

    ProviderReauthenticationController(RecentAuthentication recent, ObjectProvider<OAuthFlows> flows, ObjectProvider<Clock> clock) {
        this.recent = recent;
        this.flows = flows;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping(PATH)
    String start(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String then,
                 HttpServletRequest request, HttpServletResponse response) {
        if (recent.proof(me) != Reauthenticated.Method.PROVIDER) return "redirect:" + ProviderReauthenticationCallback.HOME;
        OAuthFlows starter = flows.getIfAvailable();
        String provider = recent.oauthProvider(me).orElse(null);
        if (starter == null || provider == null) return "redirect:" + ProviderReauthenticationCallback.problem("unavailable");
        URI authorization;
        try {
            authorization = starter.reauthenticate(provider, ProviderReauthenticationCallback.FLOW,
                    ProviderReauthenticationCallback.context(me, clock.instant(), then), me.address(), request, response);
        } catch (IllegalArgumentException e) { // the operator removed the provider or its sign-in since
            return "redirect:" + ProviderReauthenticationCallback.problem("unavailable");
        }
        return "redirect:" + authorization;
    }
}
