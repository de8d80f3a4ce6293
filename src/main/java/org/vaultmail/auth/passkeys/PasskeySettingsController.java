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
import org.vaultmail.auth.mfa.Reauthenticated;
import org.vaultmail.auth.mfa.RecentAuthentication;
import org.vaultmail.auth.mfa.RequiresRecentAuthentication;
import org.vaultmail.auth.session.TokenAuthenticationFilter;

/**
 * {@code /settings/security/passkeys}: the user's passkeys (name, created, last used), adding one and removing one.
 * Adding and removing need sudo mode (ADR 0026): while there is no recent proof, each form carries the proof field.
 * Adding is two posts: the first (with the name) answers the page with the creation options, which
 * {@code /js/passkeys.js} hands to the authenticator; the second carries its answer.
 */
@Controller
class PasskeySettingsController {

    static final String ADDED = "Passkey added. From now on it can confirm your sign-ins.";
    static final String REMOVED = "Passkey removed.";
    static final String NOT_FOUND = "That passkey is not (or no longer) registered for your account.";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Passkeys passkeys;
    private final RecentAuthentication recent;

    PasskeySettingsController(Passkeys passkeys, RecentAuthentication recent) {
        this.passkeys = passkeys;
        this.recent = recent;
    }

    @GetMapping("/settings/security/passkeys")
    String page(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("passkeys", passkeys.list(me.address()).stream().map(p -> new Row(p.id(), p.name(),
                when(p.created()), p.lastUsed() == null ? "never" : when(p.lastUsed()))).toList());
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
                  Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            passkeys.finishRegistration(me, ceremony, name, credential, TokenAuthenticationFilter.client(request).address());
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

    private static String when(@Nullable Instant at) {
        return at == null ? "unknown" : WHEN.format(at);
    }

    /** One line of the list. */
    record Row(String id, String name, String created, String lastUsed) {
    }
}
