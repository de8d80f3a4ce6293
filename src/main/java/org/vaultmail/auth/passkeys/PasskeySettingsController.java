package org.vaultmail.auth.passkeys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.auth.mfa.Reauthenticated;
import org.vaultmail.auth.mfa.RecentAuthentication;
import org.vaultmail.auth.mfa.RequiresRecentAuthentication;
import org.vaultmail.auth.session.TokenAuthenticationFilter;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * {@code /settings/security/passkeys}: the user's passkeys (name, created, last used), adding one and removing one.
 * Adding and removing need sudo mode (ADR 0026): while there is no recent proof, each form carries the proof field.
 * Adding is two posts: the first (with the name) answers the page with the creation options, which
 * {@code /js/passkeys.js} hands to the authenticator; the second carries its answer.
 */
@Controller
class PasskeySettingsController {

    // message keys (messages-problems): the page renders notices and errors in the request's language (ADR 0052)
    static final String ADDED = "passkeys.page.added";
    static final String REMOVED = "passkeys.page.removed";
    static final String NOT_FOUND = "problem.passkey.notFound";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static final String SIGNIN_ON = "passkeys.page.signInIsOn";
    static final String SIGNIN_OFF = "passkeys.page.signInIsOff";

    private final Passkeys passkeys;
    private final RecentAuthentication recent;
    private final PasskeyUnlock unlock;
    private final SessionCredentials credentials;

    PasskeySettingsController(Passkeys passkeys, RecentAuthentication recent, PasskeyUnlock unlock, SessionCredentials credentials) {
        this.passkeys = passkeys;
        this.recent = recent;
        this.unlock = unlock;
        this.credentials = credentials;
    }

    @GetMapping("/settings/security/passkeys")
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        var modes = unlock.modes(me.userId());
        model.addAttribute("passkeys", passkeys.list(me.address()).stream().map(p -> new Row(p.id(), p.name(),
                when(p.created()), p.lastUsed() == null ? null : when(p.lastUsed()),
                modes.getOrDefault(p.id(), PasskeyUnlock.Mode.SECOND_FACTOR).name())).toList());
        model.addAttribute("signInAllowed", unlock.allowed(me.address()));
        var until = recent.freshUntil(me);
        model.addAttribute("fresh", until.isPresent());
        model.addAttribute("secondFactor", recent.secondFactor(me));
        // a passkey-only user proves on the confirmation page (a ceremony), not with a field here
        model.addAttribute("passkeyProof", recent.proof(me) == Reauthenticated.Method.PASSKEY);
        until.ifPresent(u -> model.addAttribute("freshUntil", WHEN.format(u)));
        model.addAttribute("maxName", Passkeys.MAX_NAME);
        return "settings-passkeys";
    }

    /** The first step of adding: the options for the authenticator, shown on the page for the script. */
    @PostMapping("/settings/security/passkeys/start")
    @RequiresRecentAuthentication("reauth.action.passkeyAdd")
    String start(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String name, Model model,
                 HttpServletResponse response) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > Passkeys.MAX_NAME) {
            response.setStatus(400);
            model.addAttribute("error", PasskeyException.Problem.NAME.message());
            return page(me, model);
        }
        Passkeys.Ceremony ceremony = passkeys.startRegistration(me);
        model.addAttribute("ceremony", ceremony.id());
        model.addAttribute("creationOptions", ceremony.optionsJson());
        model.addAttribute("name", label);
        return page(me, model);
    }

    /** The second step: the authenticator's answer, verified and stored. */
    @PostMapping("/settings/security/passkeys/finish")
    @RequiresRecentAuthentication("reauth.action.passkeyAdd")
    String finish(@AuthenticationPrincipal AuthenticatedSession me, @RequestParam(defaultValue = "") String ceremony,
                  @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String credential,
                  @RequestParam(defaultValue = "") String prf, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            Passkeys.Passkey added = passkeys.finishRegistration(me, ceremony, name, credential,
                    TokenAuthenticationFilter.client(request).address());
            // what the browser said about PRF: the list then says whether this passkey can sign in on its own (ADR 0051)
            if (!prf.isBlank()) unlock.recordPrf(me, added.id(), "yes".equals(prf));
            model.addAttribute("notice", ADDED);
        } catch (PasskeyException e) {
            response.setStatus(400);
            model.addAttribute("error", e.userMessage());
        }
        return page(me, model);
    }

    @PostMapping("/settings/security/passkeys/{id}/remove")
    @RequiresRecentAuthentication("reauth.action.passkeyRemove")
    String remove(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        if (passkeys.remove(me, id, TokenAuthenticationFilter.client(request).address())) {
            model.addAttribute("notice", REMOVED);
        } else {
            response.setStatus(404);
            model.addAttribute("error", NOT_FOUND);
        }
        return page(me, model);
    }

    /** Turning on sign-in with this passkey, step 1: an assertion of this passkey with the PRF extension (ADR 0051). */
    @PostMapping("/settings/security/passkeys/{id}/signin/start")
    @RequiresRecentAuthentication("reauth.action.passkeySignIn")
    String startSignIn(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, Model model,
                       HttpServletResponse response) {
        try {
            Passkeys.Ceremony ceremony = unlock.startEnable(me, id);
            model.addAttribute("enableCeremony", ceremony.id());
            model.addAttribute("enableOptions", ceremony.optionsJson());
            model.addAttribute("enableFor", id);
            model.addAttribute("prfInput", PasskeyUnlock.prfInput());
        } catch (PasskeyException e) {
            response.setStatus(e.problem() == PasskeyException.Problem.FORBIDDEN ? 403 : 404);
            model.addAttribute("error", e.userMessage());
        }
        return page(me, model);
    }

    /** Step 2: the answer and its PRF output; this session's password is sealed under the key it gives. */
    @PostMapping("/settings/security/passkeys/{id}/signin/finish")
    @RequiresRecentAuthentication("reauth.action.passkeySignIn")
    String finishSignIn(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id,
                        @RequestParam(defaultValue = "") String ceremony, @RequestParam(defaultValue = "") String credential,
                        @RequestParam(defaultValue = "") String prf, Model model, HttpServletRequest request,
                        HttpServletResponse response) {
        try (Secret password = sessionPassword(me)) {
            unlock.enable(me, ceremony, id, credential, prf, password, TokenAuthenticationFilter.client(request).address());
            model.addAttribute("notice", SIGNIN_ON);
        } catch (PasskeyException e) {
            response.setStatus(e.problem() == PasskeyException.Problem.FORBIDDEN ? 403 : 400);
            model.addAttribute("error", e.userMessage());
        }
        return page(me, model);
    }

    @PostMapping("/settings/security/passkeys/{id}/signin/disable")
    @RequiresRecentAuthentication("reauth.action.passkeySignIn")
    String disableSignIn(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, Model model,
                         HttpServletRequest request, HttpServletResponse response) {
        if (unlock.disable(me, id, TokenAuthenticationFilter.client(request).address())) {
            model.addAttribute("notice", SIGNIN_OFF);
        } else {
            response.setStatus(404);
            model.addAttribute("error", NOT_FOUND);
        }
        return page(me, model);
    }

    /** The password this session signed in with; an OAuth session has none. */
    private Secret sessionPassword(AuthenticatedSession me) {
        try {
            return credentials.imapPassword(me);
        } catch (VaultException e) {
            throw new PasskeyException(PasskeyException.Problem.NO_PASSWORD);
        }
    }

    private static String when(@Nullable Instant at) {
        return at == null ? "unknown" : WHEN.format(at);
    }

    /** One line of the list; {@code lastUsed} null: never (the page says so in its language). */
    record Row(String id, String name, String created, @Nullable String lastUsed, String mode) {
    }
}
