package org.vaultmail.auth.signin;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.vaultmail.auth.session.Users;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthPurpose;

/**
 * "Sign in with Google" (ADR 0045): starts the provider's authorization code flow for sign-in; {@link OAuthSignInCallback}
 * finishes it. The address typed so far, when it is of the provider's domains, is passed as the login hint.
 */
@Controller
class OAuthSignInController {

    private final OAuthSignInPage page;
    private final ObjectProvider<OAuthFlows> flows;

    OAuthSignInController(OAuthSignInPage page, ObjectProvider<OAuthFlows> flows) {
        this.page = page;
        this.flows = flows;
    }

    @PostMapping("/signin/oauth/{providerId}")
    String start(@PathVariable String providerId, @RequestParam(defaultValue = "") String address,
                 @RequestParam(defaultValue = "false") boolean remember, HttpServletRequest request,
                 HttpServletResponse response) {
        OAuthProvider provider = page.find(providerId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such sign-in provider"));
        OAuthFlows starter = flows.getIfAvailable();
        if (starter == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "OAuth sign-in is not configured");
        String hint = loginHint(provider, address).orElse(null);
        return "redirect:" + starter.start(provider.id(), OAuthPurpose.MAIL, OAuthSignInCallback.FLOW,
                OAuthSignInCallback.context(remember), hint, request, response);
    }

    /** The typed address, if it is one of the provider's domains (anything else would only confuse the provider's page). */
    static Optional<String> loginHint(OAuthProvider provider, String address) {
        String normalized = Users.normalize(address);
        int at = normalized.lastIndexOf('@');
        if (at < 1 || normalized.length() > 320 || normalized.chars().anyMatch(c -> c <= ' ')) return Optional.empty();
        return provider.signsIn(normalized.substring(at + 1)) ? Optional.of(normalized) : Optional.empty();
    }
}
