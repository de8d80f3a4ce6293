package org.vaultmail.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.vaultmail.vault.Secret;

/** The sign-in page, the sessions page and sign-out, for browsers (forms with CSRF tokens, no script). */
@Controller
class SignInPageController {

    private final Sessions sessions;
    private final AuthProperties properties;

    SignInPageController(Sessions sessions, AuthProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping("/signin")
    String signInPage() {
        return "signin";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "false") boolean remember, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try (Secret pw = Secret.ofUtf8(password)) {
            Issued issued = sessions.signIn(address, pw, remember, false, TokenAuthenticationFilter.client(request));
            AuthCookies.set(response, issued, properties.idle(true));
            AuthCookies.clearCsrf(response);
            return "redirect:/";
        } catch (SignInException e) {
            response.setStatus(e.unreachable() ? 503 : 401);
            model.addAttribute("error", e.message());
            model.addAttribute("address", address);
            return "signin";
        }
    }

    @GetMapping("/settings/sessions")
    String sessionsPage(@AuthenticationPrincipal AuthenticatedSession me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("sessions", sessions.list(me.userId()));
        return "sessions";
    }

    @PostMapping("/settings/sessions/{id}/revoke")
    String revoke(@AuthenticationPrincipal AuthenticatedSession me, @PathVariable String id, HttpServletResponse response) {
        sessions.revoke(me.userId(), id, SessionRevoked.Reason.BY_USER);
        if (id.equals(me.sessionId())) {
            AuthCookies.clear(response);
            return "redirect:/signin";
        }
        return "redirect:/settings/sessions";
    }

    @PostMapping("/signout")
    String signOut(@AuthenticationPrincipal @Nullable AuthenticatedSession me, HttpServletResponse response) {
        if (me != null) sessions.revoke(me.userId(), me.sessionId(), SessionRevoked.Reason.LOGOUT);
        AuthCookies.clear(response);
        return "redirect:/signin";
    }
}
